// Sets up invoicing (general and design settings), generates one shipped order's invoice and
// downloads its PDF, then invoices three more in one call with consecutive numbers.

#include "connect.hpp"

#include <filesystem>

int main() {
    auto client = client_from_environment("sample-invoices");
    if (!client) return 2;
    try {
        auto invoices = client->invoices();
        beezup::invoice_general_settings general;
        general.culture_name = "fr";
        general.product_vat_percent = beezup::decimal(20, 0);
        general.shipping_vat_percent = beezup::decimal(20, 0);
        general.invoice_prefix = "FA-2026-";
        general.starting_sequence_number = 1;
        invoices.save_general_settings(general);  // checked against BeezUP's rules before sending
        invoices.save_design_settings({"<h1>Boutique Exemple</h1><p>12 rue de la Paix, Paris</p>", "<p>SIRET 000 000 000 00000</p>"});

        beezup::order_filter filter;
        filter.begin = std::chrono::system_clock::now() - std::chrono::days(60);
        filter.statuses = {beezup::order_statuses::shipped};
        filter.invoice_availability = "NotGenerated";
        std::vector<beezup::order_key> to_invoice;
        for (const auto& o : client->orders().all(filter)) {
            to_invoice.push_back(o.key);
            if (to_invoice.size() == 4) break;
        }
        if (to_invoice.size() < 4) {
            std::cerr << "failed: fewer than 4 shipped orders without an invoice\n";
            return 1;
        }
        const auto single = invoices.generate(to_invoice[0], 1);  // follows it until the document exists
        const auto pdf = std::filesystem::temp_directory_path() / "beezup-invoice.pdf";
        invoices.download_pdf(single.location, pdf.string());
        std::cout << "invoice 1 of " << to_invoice[0].beezup_order_id << ": " << std::filesystem::file_size(pdf) << " bytes at "
                  << pdf << "\n";
        std::filesystem::remove(pdf);

        int failures = 0;
        const std::vector<beezup::order_key> batch(to_invoice.begin() + 1, to_invoice.end());
        for (const auto& r : invoices.generate_batch(batch, 2)) {
            std::cout << "invoice " << r.sequence_number << " of " << r.key.beezup_order_id << ": "
                      << (r.success ? "generated" : "refused: " + (r.errors.empty() ? "?" : r.errors.front().message)) << "\n";
            failures += r.success ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
