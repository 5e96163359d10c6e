#include "lov_catalog.hpp"

#include <map>

namespace beezup::sandbox {
namespace {

// Statuses and operations as BeezUP names them; carriers and reasons per marketplace as the
// marketplaces publish them (a representative subset).
const std::map<std::string, std::vector<lov_entry>>& catalog() {
    static const std::map<std::string, std::vector<lov_entry>> lists = {
        {"BeezUPOrderState",
         {{"New", 1, "New", "Nouvelle"}, {"InProgress", 2, "In progress", "En cours"},
          {"Shipped", 3, "Shipped", "Expédiée"}, {"Closed", 4, "Closed", "Clôturée"},
          {"Aborted", 5, "Aborted", "Abandonnée"}, {"Canceled", 6, "Canceled", "Annulée"}}},
        {"OrderChangeBusinessOperationType",
         {{"AcceptOrder", 1, "Accept order", "Accepter la commande"},
          {"RefuseOrder", 2, "Refuse order", "Refuser la commande"},
          {"ShipOrder", 3, "Ship order", "Expédier la commande"},
          {"CancelOrder", 4, "Cancel order", "Annuler la commande"},
          {"RefundOrder", 5, "Refund order", "Rembourser la commande"}}},
        {"Go2CultureName", {{"en", 1, "English", "Anglais"}, {"fr", 2, "French", "Français"}}},
        {"AmazonCarrierName",
         {{"DHL", 1, "DHL", "DHL"}, {"UPS", 2, "UPS", "UPS"}, {"Colissimo", 3, "Colissimo", "Colissimo"},
          {"Chronopost", 4, "Chronopost", "Chronopost"}, {"Other", 5, "Other", "Autre"}}},
        {"CdiscountCarrierName",
         {{"COL", 1, "Colissimo", "Colissimo"}, {"CHR", 2, "Chronopost", "Chronopost"},
          {"MRY", 3, "Mondial Relay", "Mondial Relay"}, {"TNT", 4, "TNT", "TNT"}}},
        {"InvoiceAvailabilityType",
         {{"All", 1, "All", "Toutes"}, {"Generated", 2, "Generated", "Générée"},
          {"NotGenerated", 3, "Not generated", "Non générée"}}},
        {"OrderMerchantInfoSynchronizationStatus",
         {{"All", 1, "All", "Toutes"}, {"Synchronized", 2, "Synchronized", "Synchronisée"},
          {"NotSynchronized", 3, "Not synchronized", "Non synchronisée"}}},
    };
    return lists;
}

const std::vector<lov_entry> common_carriers = {{"Colissimo", 1, "Colissimo", "Colissimo"},
                                                {"Chronopost", 2, "Chronopost", "Chronopost"},
                                                {"DHL", 3, "DHL", "DHL"},
                                                {"UPS", 4, "UPS", "UPS"},
                                                {"MondialRelay", 5, "Mondial Relay", "Mondial Relay"}};

// The lists every marketplace has: carriers, shipping methods, cancel and refund reasons.
std::map<std::string, std::vector<lov_entry>> marketplace_lists() {
    std::map<std::string, std::vector<lov_entry>> lists;
    for (const char* mtc : {"Amazon", "Cdiscount", "Fnac", "ManoMano", "eBay", "PriceMinister"}) {
        const std::string m = mtc;
        if (m != "Amazon" && m != "Cdiscount") lists[m + "CarrierName"] = common_carriers;
        lists["ShippingMethod_" + m] = {{"Standard", 1, "Standard", "Standard"},
                                         {"Express", 2, "Express", "Express"},
                                         {"Relay", 3, "Pick-up point", "Point relais"}};
        lists[m + "CancelReason"] = {{"OutOfStock", 1, "Out of stock", "Rupture de stock"},
                                     {"BuyerRequest", 2, "Buyer request", "Demande de l'acheteur"},
                                     {"AddressUndeliverable", 3, "Address undeliverable", "Adresse non livrable"},
                                     {"PricingError", 4, "Pricing error", "Erreur de prix"}};
        lists[m + "RefundReason"] = {{"ProductReturned", 1, "Product returned", "Produit retourné"},
                                     {"DamagedInTransit", 2, "Damaged in transit", "Endommagé pendant le transport"},
                                     {"NotReceived", 3, "Not received", "Non reçu"}};
    }
    return lists;
}

const std::map<std::string, std::vector<lov_entry>>& all_lists() {
    static const auto lists = [] {
        auto merged = catalog();
        merged.merge(marketplace_lists());
        return merged;
    }();
    return lists;
}

}  // namespace

const std::vector<lov_entry>* find_list(const std::string& name) {
    auto it = all_lists().find(name);
    return it == all_lists().end() ? nullptr : &it->second;
}

std::vector<std::string> list_names() {
    std::vector<std::string> names;
    for (const auto& [name, entries] : all_lists()) names.push_back(name);
    return names;
}

}  // namespace beezup::sandbox
