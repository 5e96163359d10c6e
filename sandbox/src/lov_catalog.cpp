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
    };
    return lists;
}

}  // namespace

const std::vector<lov_entry>* find_list(const std::string& name) {
    auto it = catalog().find(name);
    return it == catalog().end() ? nullptr : &it->second;
}

std::vector<std::string> list_names() {
    std::vector<std::string> names;
    for (const auto& [name, entries] : catalog()) names.push_back(name);
    return names;
}

}  // namespace beezup::sandbox
