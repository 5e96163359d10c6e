#include "order_generator.hpp"

#include "common/rfc3339.hpp"
#include "common/uuid.hpp"

// Deterministic order generation for the sandbox.
//
// Every random choice comes from the std::mt19937_64 given (or seeded from `seed`): its output
// sequence is fixed by the standard, and every range/choice below is derived from it with our own
// integer arithmetic (no std::*_distribution, whose algorithms differ between standard libraries,
// no floating point, no clock, no address-dependent hashing). The same seed therefore yields
// byte-identical orders on every platform.
//
// Amounts are integer cents. VAT is 20% everywhere (simplification: books, Germany's 19%... are
// ignored) and the tax part of a tax-included amount is  vat_part(c) = (c * 20 + 60) / 120, i.e.
// c / 6 rounded half up to the cent.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <numeric>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace beezup::sandbox {
namespace {

using rng_t = std::mt19937_64;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// ------------------------------------------------------------------------------------------------
// Randomness helpers (portable: only the raw mt19937_64 output is used).

/// Uniform in [0, n), n > 0, without modulo bias (rejection of the incomplete last block).
std::uint64_t below(rng_t& rng, std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
        const std::uint64_t r = rng();
        if (r >= threshold) return r % n;
    }
}

/// Uniform in [lo, hi] (inclusive), lo <= hi.
std::int64_t between(rng_t& rng, std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(rng, static_cast<std::uint64_t>(hi - lo) + 1));
}

/// True with probability per_mille / 1000.
bool chance(rng_t& rng, unsigned per_mille) { return below(rng, 1000) < per_mille; }

/// An index drawn with the given (integer) weights; at least one weight must be positive.
std::size_t weighted(rng_t& rng, std::initializer_list<unsigned> weights) {
    std::uint64_t total = 0;
    for (unsigned w : weights) total += w;
    std::uint64_t r = below(rng, total);
    std::size_t i = 0;
    for (unsigned w : weights) {
        if (r < w) return i;
        r -= w;
        ++i;
    }
    return weights.size() - 1;  // unreachable
}

template <class T>
const T& pick(rng_t& rng, std::span<const T> items) {
    return items[static_cast<std::size_t>(below(rng, items.size()))];
}

/// A fixed 64-bit mixer (splitmix64 finaliser): derives stable per-product identifiers without
/// touching the order rng.
constexpr std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

constexpr std::string_view upper_alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view lower_alnum = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view upper_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

void append_random(std::string& out, rng_t& rng, std::string_view alphabet, int n) {
    for (int i = 0; i < n; ++i) out += alphabet[static_cast<std::size_t>(below(rng, alphabet.size()))];
}

void append_digits(std::string& out, rng_t& rng, int n) { append_random(out, rng, "0123456789", n); }

/// n digits taken from a fixed value (for derived, stable identifiers).
void append_digits_of(std::string& out, std::uint64_t v, int n) {
    std::string tmp(static_cast<std::size_t>(n), '0');
    for (int i = n - 1; i >= 0; --i) {
        tmp[static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    out += tmp;
}


// ------------------------------------------------------------------------------------------------
// Money and time.

/// Tax part of a tax-included amount at 20%: c * 20 / 120 rounded half up (c >= 0).
std::int64_t vat_part(std::int64_t cents) { return (cents * 20 + 60) / 120; }

/// "12.34"
std::string decimal(std::int64_t cents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return buf;
}

time_point whole_seconds(time_point t) {
    return time_point{std::chrono::duration_cast<time_point::duration>(
        std::chrono::floor<seconds>(t.time_since_epoch()))};
}

struct civil {
    std::int64_t year;
    unsigned month, day, hour, minute, second;
};

/// UTC calendar fields (H. Hinnant's civil_from_days, proleptic Gregorian).
civil to_civil(time_point t) {
    const std::int64_t secs = std::chrono::floor<seconds>(t.time_since_epoch()).count();
    std::int64_t z = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const std::int64_t rem = secs - z * 86400;
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<std::uint64_t>(z - era * 146097);
    const std::uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::uint64_t mp = (5 * doy + 2) / 153;
    const auto d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
    const auto m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    return {y, m, d, static_cast<unsigned>(rem / 3600), static_cast<unsigned>(rem % 3600 / 60),
            static_cast<unsigned>(rem % 60)};
}


// ------------------------------------------------------------------------------------------------
// Accounts and marketplaces.

constexpr const char* store_a = "8a1b6c1e-3f2d-4c5b-9e7a-1d2c3b4a5f60";
constexpr const char* store_b = "c47e2f9a-6b1d-4e83-a5c2-7f90d1e3b8a4";

enum class marketplace { amazon, cdiscount, fnac, manomano, ebay, priceminister, other };

enum status_index : std::size_t { st_new, st_in_progress, st_shipped, st_closed, st_canceled, st_aborted };
constexpr std::array<const char*, 6> beezup_statuses = {"New",      "InProgress", "Shipped",
                                                        "Closed",   "Canceled",   "Aborted"};

struct marketplace_profile {
    /// The marketplace's wording for each BeezUP status (indexed by status_index).
    std::array<const char*, 6> statuses;
    /// Whether the merchant accepts an order (New -> InProgress) before shipping it.
    bool accepts;
};

const marketplace_profile& profile(marketplace m) {
    // Same wording as marketplace_rules.cpp (marketplace_status_for / needs_acceptance), so that
    // generated histories look like the ones the sandbox's own transitions produce.
    static const std::array<marketplace_profile, 7> profiles = {{
        {{"Unshipped", "Unshipped", "Shipped", "Shipped", "Canceled", "Canceled"}, false},
        {{"WaitingForShipmentAcceptation", "AcceptedBySeller", "Shipped", "Shipped", "CancelledByCustomer",
          "RefusedBySeller"},
         true},
        {{"Created", "Accepted", "Shipped", "Received", "Cancelled", "Refused"}, true},
        {{"PENDING", "WAITING_SHIPMENT", "SHIPPED", "SHIPPED", "REFUNDED", "REFUSED"}, true},
        {{"Active", "Active", "Shipped", "Completed", "Cancelled", "Cancelled"}, false},
        {{"new", "current", "shipped", "closed", "cancelled", "refused"}, true},
        {{"New", "InProgress", "Shipped", "Closed", "Canceled", "Aborted"}, true},
    }};
    return profiles[static_cast<std::size_t>(m)];
}

marketplace kind_of(const account& a) {
    const std::string& c = a.marketplace_technical_code;
    if (c == "Amazon") return marketplace::amazon;
    if (c == "Cdiscount" || c == "CDiscount") return marketplace::cdiscount;
    if (c == "Fnac") return marketplace::fnac;
    if (c == "ManoMano") return marketplace::manomano;
    if (c == "Ebay" || c == "eBay") return marketplace::ebay;
    if (c == "PriceMinister" || c == "Rakuten") return marketplace::priceminister;
    return marketplace::other;
}

/// Share of the merchant's orders per account of sandbox_accounts() (same order), in percent.
constexpr std::array<unsigned, 10> account_weights = {28, 8, 7, 14, 5, 8, 10, 8, 4, 8};
static_assert(std::accumulate(account_weights.begin(), account_weights.end(), 0u) == 100);

// ------------------------------------------------------------------------------------------------
// People and places.

struct city {
    const char* postal_code;
    const char* name;
    const char* region;
    const char* dial;  // landline area code (without trunk prefix)
};

constexpr std::array<const char*, 20> fr_male = {
    "Jean",   "Pierre",   "Nicolas",  "Thomas",    "Julien",  "Antoine",   "Mathieu",
    "Laurent", "Sébastien", "François", "Olivier",  "Philippe", "Stéphane", "Maxime",
    "Alexandre", "Hugo",  "Louis",    "Lucas",     "Benoît",  "Jérôme"};
constexpr std::array<const char*, 20> fr_female = {
    "Marie",  "Sophie",   "Isabelle", "Nathalie", "Camille", "Julie", "Céline",
    "Aurélie", "Émilie",  "Claire",   "Anne",     "Sandrine", "Valérie", "Chloé",
    "Manon",  "Léa",      "Inès",     "Hélène",   "Françoise", "Caroline"};
constexpr std::array<const char*, 40> fr_last = {
    "Martin",  "Bernard", "Dubois",   "Thomas",  "Robert",   "Richard",  "Petit",    "Durand",
    "Leroy",   "Moreau",  "Simon",    "Laurent", "Lefebvre", "Michel",   "Garcia",   "David",
    "Bertrand", "Roux",   "Vincent",  "Fournier", "Morel",   "Girard",   "André",    "Lefèvre",
    "Mercier", "Dupont",  "Lambert",  "Bonnet",  "François", "Martinez", "Legrand",  "Garnier",
    "Faure",   "Rousseau", "Blanc",   "Guérin",  "Muller",   "Henry",    "Roussel",  "Perrin"};
constexpr std::array<const char*, 20> fr_streets = {
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo",  "boulevard Gambetta",
    "rue du Général de Gaulle", "rue des Lilas",  "place de la Mairie", "chemin des Vignes",
    "allée des Tilleuls",   "rue Pasteur",        "avenue de la Gare", "rue du Moulin",
    "impasse des Rosiers",  "rue de la Paix",     "boulevard Voltaire", "rue Nationale",
    "rue des Écoles",       "avenue Foch",        "rue Saint-Michel",  "quai des Chartrons"};
constexpr std::array<city, 28> fr_cities = {{
    {"75011", "Paris", "", "1"},          {"75015", "Paris", "", "1"},
    {"75018", "Paris", "", "1"},          {"69003", "Lyon", "", "4"},
    {"69007", "Lyon", "", "4"},           {"13008", "Marseille", "", "4"},
    {"31000", "Toulouse", "", "5"},       {"06000", "Nice", "", "4"},
    {"44000", "Nantes", "", "2"},         {"67000", "Strasbourg", "", "3"},
    {"34000", "Montpellier", "", "4"},    {"33000", "Bordeaux", "", "5"},
    {"59000", "Lille", "", "3"},          {"35000", "Rennes", "", "2"},
    {"51100", "Reims", "", "3"},          {"42000", "Saint-Étienne", "", "4"},
    {"83000", "Toulon", "", "4"},         {"38000", "Grenoble", "", "4"},
    {"21000", "Dijon", "", "3"},          {"49000", "Angers", "", "2"},
    {"37000", "Tours", "", "2"},          {"87000", "Limoges", "", "5"},
    {"63000", "Clermont-Ferrand", "", "4"}, {"29200", "Brest", "", "2"},
    {"64000", "Pau", "", "5"},            {"92100", "Boulogne-Billancourt", "", "1"},
    {"93100", "Montreuil", "", "1"},      {"14000", "Caen", "", "2"},
}};
constexpr std::array<const char*, 10> fr_companies = {
    "SARL Atelier Dubois", "Boulangerie du Centre", "Menuiserie Lefèvre", "Cabinet Moreau & Associés",
    "Garage des Lilas",    "Pharmacie de la Gare",  "SAS Bricoval",       "Agence Horizon",
    "Fleurs & Jardins",    "Plomberie Garnier"};
constexpr std::array<const char*, 6> fr_comments = {
    "Merci de laisser le colis chez le gardien.",
    "Digicode 4521B, 3e étage gauche.",
    "Livraison après 18h s'il vous plaît.",
    "C'est un cadeau : merci de ne pas joindre la facture.",
    "Sonner chez Mme Durand si absent.",
    "Boîte aux lettres au portail."};

constexpr std::array<const char*, 12> de_male = {"Lukas",  "Maximilian", "Jonas", "Felix",
                                                  "Thomas", "Michael",    "Stefan", "Andreas",
                                                  "Jürgen", "Klaus",      "Markus", "Tobias"};
constexpr std::array<const char*, 12> de_female = {"Anna",    "Laura",  "Julia",  "Sabine",
                                                    "Claudia", "Katharina", "Petra", "Monika",
                                                    "Lena",    "Sarah",  "Ursula", "Jana"};
constexpr std::array<const char*, 20> de_last = {
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber",  "Meyer",    "Wagner",
    "Becker", "Schulz",  "Hoffmann",  "Schäfer", "Koch",   "Bauer",    "Richter",
    "Klein",  "Wolf",    "Schröder",  "Neumann", "Schwarz", "Zimmermann"};
constexpr std::array<const char*, 14> de_streets = {
    "Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße",
    "Bergstraße",  "Birkenweg",   "Lindenstraße", "Kirchstraße",   "Waldstraße",
    "Ringstraße",  "Goethestraße", "Schillerstraße", "Am Markt"};
constexpr std::array<city, 15> de_cities = {{
    {"10115", "Berlin", "Berlin", "30"},
    {"10245", "Berlin", "Berlin", "30"},
    {"20095", "Hamburg", "Hamburg", "40"},
    {"80331", "München", "Bayern", "89"},
    {"50667", "Köln", "Nordrhein-Westfalen", "221"},
    {"60311", "Frankfurt am Main", "Hessen", "69"},
    {"70173", "Stuttgart", "Baden-Württemberg", "711"},
    {"40213", "Düsseldorf", "Nordrhein-Westfalen", "211"},
    {"04109", "Leipzig", "Sachsen", "341"},
    {"44135", "Dortmund", "Nordrhein-Westfalen", "231"},
    {"45127", "Essen", "Nordrhein-Westfalen", "201"},
    {"28195", "Bremen", "Bremen", "421"},
    {"01067", "Dresden", "Sachsen", "351"},
    {"30159", "Hannover", "Niedersachsen", "511"},
    {"90402", "Nürnberg", "Bayern", "911"},
}};
constexpr std::array<const char*, 6> de_companies = {"Müller GmbH",         "Schreinerei Weber",
                                                      "Bäckerei Schneider",  "Klein & Partner",
                                                      "Autohaus Becker KG",  "Praxis Dr. Hoffmann"};
constexpr std::array<const char*, 2> de_comments = {"Bitte beim Nachbarn abgeben.",
                                                     "Paket bitte in die Garage legen."};

constexpr std::array<const char*, 12> gb_male = {"Oliver",  "George", "Harry",   "James",
                                                  "William", "Thomas", "Jack",    "Daniel",
                                                  "Matthew", "David",  "Paul",    "Andrew"};
constexpr std::array<const char*, 12> gb_female = {"Olivia",    "Amelia",  "Emily", "Sophie",
                                                    "Charlotte", "Jessica", "Hannah", "Sarah",
                                                    "Emma",      "Lucy",    "Rebecca", "Victoria"};
constexpr std::array<const char*, 20> gb_last = {
    "Smith",  "Jones",    "Taylor", "Brown",    "Williams", "Wilson", "Johnson",
    "Davies", "Robinson", "Wright", "Thompson", "Evans",    "Walker", "White",
    "Roberts", "Green",   "Hall",   "Wood",     "Jackson",  "Clarke"};
constexpr std::array<const char*, 12> gb_streets = {
    "High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane",  "Manor Road",
    "Park Avenue", "Queen Street", "Mill Lane",   "King's Road",   "The Crescent", "Albert Road"};
constexpr std::array<city, 13> gb_cities = {{
    {"SW1A 2AA", "London", "England", "20"},
    {"E1 6AN", "London", "England", "20"},
    {"M1 1AE", "Manchester", "England", "161"},
    {"B1 1BB", "Birmingham", "England", "121"},
    {"LS1 4AP", "Leeds", "England", "113"},
    {"L1 8JQ", "Liverpool", "England", "151"},
    {"BS1 4DJ", "Bristol", "England", "117"},
    {"NE1 7RU", "Newcastle upon Tyne", "England", "191"},
    {"EH1 1YZ", "Edinburgh", "Scotland", "131"},
    {"G1 1XQ", "Glasgow", "Scotland", "141"},
    {"CF10 1EP", "Cardiff", "Wales", "29"},
    {"OX1 2JD", "Oxford", "England", "1865"},
    {"BT1 5GS", "Belfast", "Northern Ireland", "28"},
}};
constexpr std::array<const char*, 5> gb_companies = {"Smith & Sons Ltd", "Green Lane Bakery",
                                                      "Taylor Consulting Ltd", "The Old Mill Café",
                                                      "Wright Joinery Ltd"};
constexpr std::array<const char*, 2> gb_comments = {"Please leave with a neighbour if I am out.",
                                                     "Side gate is unlocked."};

enum class street_style { number_first, name_first };

struct country_data {
    const char* iso2;
    const char* name;
    const char* civility_m;
    const char* civility_f;
    std::span<const char* const> male, female, last, streets, companies, comments;
    std::span<const city> cities;
    std::span<const char* const> email_domains;
    street_style style;
    const char* country_code;  // "+33"
};

constexpr std::array<const char*, 3> fr_domains = {"example.fr", "example.com", "example.net"};
constexpr std::array<const char*, 2> de_domains = {"example.de", "example.com"};
constexpr std::array<const char*, 2> gb_domains = {"example.co.uk", "example.com"};

const country_data& country_of(const std::string& iso2) {
    static const country_data fr{"FR",      "France",   "M.",       "Mme",       fr_male,
                                 fr_female, fr_last,    fr_streets, fr_companies, fr_comments,
                                 fr_cities, fr_domains, street_style::number_first, "+33"};
    static const country_data de{"DE",      "Germany",  "Herr",     "Frau",      de_male,
                                 de_female, de_last,    de_streets, de_companies, de_comments,
                                 de_cities, de_domains, street_style::name_first, "+49"};
    static const country_data gb{"GB",      "United Kingdom", "Mr",  "Mrs",      gb_male,
                                 gb_female, gb_last,    gb_streets, gb_companies, gb_comments,
                                 gb_cities, gb_domains, street_style::number_first, "+44"};
    if (iso2 == "DE") return de;
    if (iso2 == "GB") return gb;
    return fr;
}

/// ASCII, lowercase, letters only: "Hélène" -> "helene", "Müller" -> "muller", "Schäfer" -> "schafer".
std::string slug(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
            else if (c >= 'a' && c <= 'z') out += static_cast<char>(c);
            continue;
        }
        if (c == 0xC3 && i + 1 < s.size()) {  // Latin-1 supplement letters
            const auto d = static_cast<unsigned char>(s[++i]) | 0x20;  // fold case
            if (d >= 0xA0 && d <= 0xA6) out += 'a';
            else if (d == 0xA7) out += 'c';
            else if (d >= 0xA8 && d <= 0xAB) out += 'e';
            else if (d >= 0xAC && d <= 0xAF) out += 'i';
            else if (d >= 0xB2 && d <= 0xB6) out += 'o';
            else if (d >= 0xB9 && d <= 0xBC) out += 'u';
            else if ((static_cast<unsigned char>(s[i])) == 0x9F) out += "ss";
            continue;
        }
        // other multi-byte sequences: skip continuation bytes
        while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) ++i;
    }
    return out;
}

/// "+33 6 12 34 56 78", "+49 151 23456789", "+44 7700 900123"
std::string mobile_phone(rng_t& rng, const country_data& c) {
    std::string s = c.country_code;
    if (std::string_view(c.iso2) == "DE") {
        s += " 15";
        append_digits(s, rng, 1);
        s += ' ';
        append_digits(s, rng, 8);
    } else if (std::string_view(c.iso2) == "GB") {
        s += " 7700 900";  // Ofcom range reserved for fiction
        append_digits(s, rng, 3);
    } else {
        s += chance(rng, 750) ? " 6" : " 7";
        for (int i = 0; i < 4; ++i) {
            s += ' ';
            append_digits(s, rng, 2);
        }
    }
    return s;
}

/// A landline in the city's area: "+33 1 23 45 67 89", "+49 30 1234567", "+44 20 7946 0123"
std::string landline(rng_t& rng, const country_data& c, const city& where) {
    std::string s = c.country_code;
    s += ' ';
    s += where.dial;
    const std::string_view iso = c.iso2;
    if (iso == "DE") {
        s += ' ';
        append_digits(s, rng, 7);
    } else if (iso == "GB") {
        if (std::string_view(where.dial) == "20") {
            s += " 7946 0";  // Ofcom drama range
            append_digits(s, rng, 3);
        } else {
            s += " 496 0";  // Ofcom drama range
            append_digits(s, rng, 3);
        }
    } else {
        for (int i = 0; i < 4; ++i) {
            s += ' ';
            append_digits(s, rng, 2);
        }
    }
    return s;
}

/// Fills the street lines, postal code, city, region and country; returns the city used.
const city& fill_location(rng_t& rng, const country_data& c, address& a) {
    const city& where = pick(rng, c.cities);
    const std::string number = std::to_string(between(rng, 1, 180));
    const char* street = pick(rng, c.streets);
    switch (c.style) {
        case street_style::name_first:
            a.line1 = std::string(street) + " " + number;
            break;
        case street_style::number_first:  // "12 bis" only in France
            a.line1 = number + (std::string_view(c.iso2) == "FR" && chance(rng, 60) ? " bis " : " ") + street;
            break;
    }
    a.line2.clear();
    a.line3.clear();
    if (chance(rng, 250)) {
        const std::string_view iso = c.iso2;
        if (iso == "DE") a.line2 = "Wohnung " + std::to_string(between(rng, 1, 24));
        else if (iso == "GB") a.line2 = "Flat " + std::to_string(between(rng, 1, 40));
        else {
            switch (weighted(rng, {5, 3, 2})) {
                case 0: a.line2 = "Appartement " + std::to_string(between(rng, 1, 80)); break;
                case 1: a.line2 = std::string("Bâtiment ") + static_cast<char>('A' + below(rng, 6)); break;
                default: a.line2 = "Résidence Les Pins"; break;
            }
        }
    }
    a.postal_code = where.postal_code;
    a.city = where.name;
    a.state_or_region = where.region;
    a.country_iso2 = c.iso2;
    a.country_name = c.name;
    return where;
}

struct person {
    bool female;
    const char* first;
    const char* last;
};

person random_person(rng_t& rng, const country_data& c) {
    const bool female = chance(rng, 520);
    return {female, female ? pick(rng, c.female) : pick(rng, c.male), pick(rng, c.last)};
}

void fill_person(const country_data& c, const person& p, address& a) {
    a.civility = p.female ? c.civility_f : c.civility_m;
    a.first_name = p.first;
    a.last_name = p.last;
}

std::string email_from_name(rng_t& rng, const country_data& c, const person& p) {
    const std::string f = slug(p.first), l = slug(p.last);
    std::string local;
    switch (weighted(rng, {5, 2, 2, 1})) {
        case 0: local = f + "." + l; break;
        case 1: local = f.substr(0, 1) + l; break;
        case 2: local = f + "." + l + std::to_string(between(rng, 1, 99)); break;
        default: local = l + "." + f; break;
    }
    return local + "@" + pick(rng, c.email_domains);
}

// ------------------------------------------------------------------------------------------------
// Catalogue.

struct product {
    const char* title;
    std::int64_t price_cents;  // EUR, tax included
    bool book;
};

constexpr std::array<product, 42> catalogue = {{
    // Home improvement / garden
    {"Perceuse-visseuse sans fil 18V + 2 batteries", 8990, false},
    {"Coffret d'embouts de vissage 32 pièces", 1490, false},
    {"Niveau à bulle aluminium 60 cm", 1290, false},
    {"Mètre ruban 5 m auto-bloquant", 690, false},
    {"Scie sauteuse pendulaire 650W", 5990, false},
    {"Lot de 100 vis à bois 4x40 mm", 490, false},
    {"Pistolet à colle chaude + 20 bâtons", 1990, false},
    {"Ponceuse excentrique 300W", 6490, false},
    {"Escabeau aluminium 5 marches", 7990, false},
    {"Mitigeur de cuisine bec haut chromé", 4990, false},
    {"Ampoules LED E27 9W blanc chaud (lot de 6)", 1590, false},
    {"Tondeuse à gazon électrique 1600W", 17900, false},
    {"Tuyau d'arrosage 25 m avec raccords", 2990, false},
    {"Nettoyeur haute pression 2100W", 19900, false},
    // Books
    {"Le Petit Prince - Antoine de Saint-Exupéry (poche)", 790, true},
    {"L'Étranger - Albert Camus (poche)", 750, true},
    {"Astérix le Gaulois - Tome 1", 1090, true},
    {"Le guide du bricolage facile", 2490, true},
    {"Cuisine de saison : 200 recettes", 2990, true},
    {"Harry Potter à l'école des sorciers (poche)", 890, true},
    // Electronics
    {"Casque audio Bluetooth à réduction de bruit", 12990, false},
    {"Écouteurs sans fil intra-auriculaires", 4990, false},
    {"Chargeur USB-C 65W GaN", 3490, false},
    {"Câble USB-C vers USB-C tressé 2 m", 1290, false},
    {"Enceinte Bluetooth étanche 20W", 5990, false},
    {"Souris sans fil ergonomique", 2990, false},
    {"Clavier mécanique AZERTY rétroéclairé", 8990, false},
    {"Disque SSD externe 1 To USB 3.2", 9990, false},
    {"Montre connectée sport GPS", 19990, false},
    {"Tablette tactile 10 pouces 64 Go", 24900, false},
    {"Aspirateur robot connecté", 39900, false},
    // Toys and games
    {"Puzzle 1000 pièces - Château de Chambord", 1690, false},
    {"Jeu de société familial - Les Aventuriers du Rail", 4490, false},
    {"Peluche ours brun 40 cm", 2290, false},
    {"Coffret de construction 500 briques", 3990, false},
    {"Voiture télécommandée tout-terrain 1:18", 3490, false},
    {"Poupée mannequin avec accessoires", 2490, false},
    // Home
    {"Poêle antiadhésive 28 cm tous feux dont induction", 2990, false},
    {"Cafetière à piston 1 L inox", 2490, false},
    {"Couette tempérée 220x240 cm", 5490, false},
    {"Lampe de bureau LED orientable", 3290, false},
    {"Set de 4 mugs en grès", 1990, false},
}};

/// Appends the EAN-13 check digit to 12 digits.
std::string with_ean13_check(std::string twelve) {
    int sum = 0;
    for (std::size_t i = 0; i < 12; ++i) sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
    twelve += static_cast<char>('0' + (10 - sum % 10) % 10);
    return twelve;
}

/// Stable identifiers of a catalogue product (independent of the rng).
struct product_ids {
    std::string gtin, sku, asin, image_url;
    std::uint64_t hash;
};

const std::vector<product_ids>& catalogue_ids() {
    static const std::vector<product_ids> ids = [] {
        std::vector<product_ids> v;
        v.reserve(catalogue.size());
        for (std::size_t i = 0; i < catalogue.size(); ++i) {
            product_ids p;
            p.hash = mix(0xBEE2u + i);
            std::string twelve = catalogue[i].book ? "9782" : "37";
            append_digits_of(twelve, p.hash, catalogue[i].book ? 8 : 10);
            p.gtin = with_ean13_check(twelve);
            p.sku = "SKU-";
            append_digits_of(p.sku, 10000 + i * 211, 5);
            p.asin = "B0";
            std::uint64_t h = mix(p.hash);
            for (int k = 0; k < 8; ++k, h /= upper_alnum.size()) p.asin += upper_alnum[h % upper_alnum.size()];
            p.image_url = "https://images.example/products/sku-" + p.sku.substr(4) + ".jpg";
            v.push_back(std::move(p));
        }
        return v;
    }();
    return ids;
}

/// The marketplace's own product id for a catalogue product.
std::string marketplace_product_id(marketplace m, const product_ids& p) {
    const std::uint64_t h = mix(p.hash ^ (static_cast<std::uint64_t>(m) + 1) * 0x1000193ULL);
    std::string s;
    switch (m) {
        case marketplace::amazon: return p.asin;
        case marketplace::cdiscount: return "AUC" + p.gtin;
        case marketplace::fnac: append_digits_of(s, h, 8); return s;
        case marketplace::manomano: s = "ME"; append_digits_of(s, h, 8); return s;
        case marketplace::ebay: s = "3"; append_digits_of(s, h, 11); return s;
        case marketplace::priceminister: append_digits_of(s, h, 10); return s;
        case marketplace::other: break;
    }
    return p.gtin;
}

/// Unit price in the account's currency (GBP: about 0.86 EUR, rounded to .99).
std::int64_t local_price(const product& p, const std::string& currency) {
    if (currency == "GBP") return p.price_cents * 86 / 10000 * 100 + 99;
    return p.price_cents;
}

// ------------------------------------------------------------------------------------------------
// Order parts.

std::string make_marketplace_order_id(rng_t& rng, marketplace m, time_point purchase) {
    std::string s;
    switch (m) {
        case marketplace::amazon: {
            static constexpr std::array<const char*, 8> prefixes = {"402", "403", "404", "405",
                                                                     "406", "407", "408", "171"};
            s = pick(rng, std::span<const char* const>(prefixes));
            s += '-';
            append_digits(s, rng, 7);
            s += '-';
            append_digits(s, rng, 7);
            return s;
        }
        case marketplace::cdiscount: {  // yymmddhhmm + 4 letters
            const civil c = to_civil(purchase);
            char buf[32];
            std::snprintf(buf, sizeof buf, "%02u%02u%02u%02u%02u", static_cast<unsigned>(c.year % 100),
                          c.month, c.day, c.hour, c.minute);
            s = buf;
            append_random(s, rng, upper_letters, 4);
            return s;
        }
        case marketplace::ebay:
            append_digits(s, rng, 2);
            s += '-';
            append_digits(s, rng, 5);
            s += '-';
            append_digits(s, rng, 5);
            return s;
        case marketplace::fnac:
            s += static_cast<char>('1' + below(rng, 9));
            append_digits(s, rng, 9);
            return s;
        case marketplace::manomano:
            s += static_cast<char>('1' + below(rng, 9));
            append_digits(s, rng, 8);
            return s;
        case marketplace::priceminister:
        case marketplace::other:
            s += static_cast<char>('1' + below(rng, 9));
            append_digits(s, rng, 9);
            return s;
    }
    return s;
}

std::string buyer_identifier(rng_t& rng, marketplace m, const person& p) {
    std::string s;
    switch (m) {
        case marketplace::amazon:
            s = "A";
            append_random(s, rng, upper_alnum, 13);
            return s;
        case marketplace::ebay:
            s = slug(p.first) + "_" + slug(p.last);
            append_digits(s, rng, 2);
            return s;
        case marketplace::priceminister:
            s = slug(p.first).substr(0, 1) + slug(p.last);
            append_digits(s, rng, 3);
            return s;
        default:
            s += static_cast<char>('1' + below(rng, 9));
            append_digits(s, rng, 7);
            return s;
    }
}

// ------------------------------------------------------------------------------------------------
// History.

enum class outcome { new_, in_progress, shipped, closed, canceled, aborted, unknown };

outcome pick_outcome(rng_t& rng, std::chrono::seconds age) {
    const auto h = std::chrono::duration_cast<hours>(age).count();
    std::size_t i;
    if (h < 24) i = weighted(rng, {600, 220, 150, 0, 15, 10, 5});
    else if (h < 72) i = weighted(rng, {150, 300, 500, 0, 30, 10, 10});
    else if (h < 240) i = weighted(rng, {20, 70, 600, 260, 30, 10, 10});
    else i = weighted(rng, {0, 0, 200, 750, 30, 10, 10});
    return static_cast<outcome>(i);
}

std::string tracking_number(rng_t& rng, const std::string& carrier) {
    std::string s;
    if (carrier == "Colissimo" || carrier == "COL") {
        s = "6A";
        append_digits(s, rng, 11);
    } else if (carrier == "Chronopost" || carrier == "CHR") {
        s = "XR";
        append_digits(s, rng, 9);
        s += "FR";
    } else if (carrier == "UPS") {
        s = "1Z";
        append_random(s, rng, upper_alnum, 16);
    } else if (carrier == "TNT") {
        append_digits(s, rng, 9);
    } else if (carrier == "DHL") {
        append_digits(s, rng, 10);
    } else if (carrier == "MRY") {
        append_digits(s, rng, 8);
    } else {
        append_digits(s, rng, 12);
    }
    return s;
}

std::string pick_carrier(rng_t& rng, marketplace m, const order& o) {
    switch (m) {
        case marketplace::amazon: {
            static constexpr std::array<const char*, 5> c = {"Colissimo", "Chronopost", "DHL", "UPS", "Other"};
            if (o.acct.country_iso2 == "DE") return c[weighted(rng, {0, 0, 8, 1, 1})];
            return c[weighted(rng, {55, 20, 8, 10, 7})];
        }
        case marketplace::cdiscount: {
            if (o.shipping_method == "Relais") return "MRY";
            if (o.shipping_method == "Express") return "CHR";
            static constexpr std::array<const char*, 2> c = {"COL", "TNT"};
            return c[weighted(rng, {85, 15})];
        }
        default: return "Colissimo";
    }
}

/// Moves a freshly generated (New) order along its history, as it stands at `now`.
void apply_history(rng_t& rng, order& o, time_point now) {
    const marketplace m = kind_of(o.acct);
    const marketplace_profile& prof = profile(m);
    const auto age = std::chrono::duration_cast<seconds>(now - o.purchase);
    const outcome out = pick_outcome(rng, age);
    if (out == outcome::new_) return;

    // History stops a few minutes before the data is made, so that a client starting at once
    // (whose period must end before "now") sees every order's current version.
    const auto history_end = std::max(o.purchase, now - minutes(5));
    auto at_most_now = [history_end](time_point t) { return std::min(t, history_end); };
    auto after = [&](time_point from, seconds lo, seconds hi) {
        return at_most_now(from + seconds(between(rng, lo.count(), hi.count())));
    };

    std::size_t status = st_new;
    std::uint64_t changes = 0;
    time_point last = o.purchase;
    std::optional<time_point> shipped_at;

    switch (out) {
        case outcome::new_: break;
        case outcome::in_progress:
            status = st_in_progress;
            last = after(o.paying, minutes(5), hours(20));
            changes = 1;
            break;
        case outcome::shipped:
        case outcome::closed: {
            time_point t = o.paying;
            if (prof.accepts) {
                t = after(t, minutes(10), hours(20));
                ++changes;
            }
            t = after(t, hours(2), hours(60));
            ++changes;
            shipped_at = t;
            status = st_shipped;
            if (out == outcome::closed) {
                t = after(t, days(5), days(30));
                ++changes;
                status = st_closed;
            }
            last = t;
            break;
        }
        case outcome::canceled: {
            time_point t = o.paying;
            if (prof.accepts && chance(rng, 400)) {
                t = after(t, minutes(10), hours(20));
                ++changes;
            }
            last = after(t, minutes(30), days(3));
            ++changes;
            status = st_canceled;
            break;
        }
        case outcome::aborted:
            last = after(o.purchase, hours(1), hours(48));
            changes = 1;
            status = st_aborted;
            break;
        case outcome::unknown:
            last = after(o.paying, hours(1), days(5));
            changes = 1;
            status = st_in_progress;
            break;
    }

    o.beezup_status = beezup_statuses[status];
    o.marketplace_status = out == outcome::unknown ? (chance(rng, 500) ? "Undefined" : "Not provided")
                                                   : prof.statuses[status];
    o.marketplace_last_modification = last;
    o.last_modification = after(last, seconds(30), minutes(30));  // seen by BeezUP's next harvest
    o.version = 1 + changes;

    if (shipped_at) {
        const std::string carrier = pick_carrier(rng, m, o);
        o.posted["order_Shipping_CarrierName"] = carrier;
        o.posted["order_Shipping_ShipperTrackingNumber"] = tracking_number(rng, carrier);
        o.posted["order_Shipping_FulfillmentDate"] = common::format_rfc3339(*shipped_at);
    }
}

}  // namespace

// ------------------------------------------------------------------------------------------------

const std::vector<account>& sandbox_accounts() {
    static const std::vector<account> accounts = {
        {"Amazon", "AMAZON_FR", 1001, store_a, "EUR", "FR"},
        {"Amazon", "AMAZON_DE", 1002, store_a, "EUR", "DE"},
        {"Amazon", "AMAZON_FR", 1003, store_b, "EUR", "FR"},
        {"Cdiscount", "CDISCOUNT", 2001, store_a, "EUR", "FR"},
        {"Cdiscount", "CDISCOUNT", 2002, store_b, "EUR", "FR"},
        {"Fnac", "FNAC", 3001, store_b, "EUR", "FR"},
        {"ManoMano", "MANOMANO_FR", 4001, store_a, "EUR", "FR"},
        {"eBay", "EBAY_FR", 5001, store_a, "EUR", "FR"},
        {"eBay", "EBAY_UK", 5002, store_b, "GBP", "GB"},
        {"PriceMinister", "RAKUTEN_FR", 6001, store_b, "EUR", "FR"},
    };
    return accounts;
}

order generate_order(std::mt19937_64& rng, const account& acct, time_point purchase) {
    const marketplace m = kind_of(acct);
    const country_data& country = country_of(acct.country_iso2);
    purchase = whole_seconds(purchase);

    order o;
    o.acct = acct;
    o.beezup_order_id = common::uuid_v4(rng);
    o.marketplace_order_id = make_marketplace_order_id(rng, m, purchase);
    o.beezup_status = "New";
    o.marketplace_status = profile(m).statuses[st_new];
    o.currency = acct.currency;
    o.version = 1;

    // Dates.
    o.purchase = purchase;
    o.paying = purchase + seconds(between(rng, 60, 15 * 60));
    o.earliest_ship = purchase + days(1);
    o.latest_ship = purchase + days(3);
    o.last_modification = o.marketplace_last_modification = purchase;

    // Channel, fulfilment, flags.
    if (m == marketplace::amazon) {
        const bool afn = chance(rng, 250);
        o.marketplace_channel = afn ? "AFN" : "MFN";
        o.fulfilled_by = afn ? "Amazon" : "Merchant";
        o.is_prime = afn ? chance(rng, 900) : chance(rng, 120);
    } else {
        o.marketplace_channel = "Default";
        o.fulfilled_by = "Merchant";
    }
    o.is_business = chance(rng, m == marketplace::amazon || m == marketplace::manomano ? 40 : 10);

    // Shipping and payment methods.
    const bool relay_possible = country.iso2 == std::string_view("FR") && m != marketplace::amazon;
    switch (weighted(rng, {70, 15, relay_possible ? 15u : 0u})) {
        case 0: o.shipping_method = "Standard"; break;
        case 1: o.shipping_method = "Express"; break;
        default: o.shipping_method = "Relais"; break;
    }
    if (o.is_prime && o.shipping_method == "Standard" && chance(rng, 500)) o.shipping_method = "Express";
    {
        static constexpr std::array<const char*, 5> methods = {"CreditCard", "PayPal", "GiftCard",
                                                                "BankTransfer", "Installments"};
        std::size_t i;
        switch (m) {
            case marketplace::amazon: i = weighted(rng, {88, 0, 10, 2, 0}); break;
            case marketplace::ebay: i = weighted(rng, {40, 55, 2, 3, 0}); break;
            case marketplace::cdiscount: i = weighted(rng, {70, 15, 5, 0, 10}); break;
            default: i = weighted(rng, {70, 20, 6, 2, 2}); break;
        }
        o.payment_method = methods[i];
    }

    // Buyer.
    const person buyer = random_person(rng, country);
    fill_person(country, buyer, o.buyer);
    const city& buyer_city = fill_location(rng, country, o.buyer);
    o.buyer.mobile_phone = mobile_phone(rng, country);
    o.buyer.phone = chance(rng, 600) ? o.buyer.mobile_phone : landline(rng, country, buyer_city);
    if (m == marketplace::amazon || m == marketplace::cdiscount) {  // relay addresses
        std::string local;
        append_random(local, rng, lower_alnum, 16);
        o.buyer.email = local + "@marketplace.example";
    } else {
        o.buyer.email = email_from_name(rng, country, buyer);
    }
    if (o.is_business) o.buyer.company_name = pick(rng, country.companies);
    o.buyer_identifier = buyer_identifier(rng, m, buyer);

    // Shipping address: usually the buyer's, sometimes a gift, sometimes at work.
    o.shipping = o.buyer;
    if (!o.is_business) {
        switch (weighted(rng, {75, 15, 10})) {
            case 0: break;
            case 1: {  // gift: someone else, elsewhere
                const person to = random_person(rng, country);
                fill_person(country, to, o.shipping);
                const city& c = fill_location(rng, country, o.shipping);
                o.shipping.mobile_phone = mobile_phone(rng, country);
                o.shipping.phone = chance(rng, 500) ? o.shipping.mobile_phone : landline(rng, country, c);
                o.shipping.email.clear();
                break;
            }
            default: {  // delivered at work
                o.shipping.company_name = pick(rng, country.companies);
                const city& c = fill_location(rng, country, o.shipping);
                o.shipping.phone = landline(rng, country, c);
                break;
            }
        }
    }
    if (chance(rng, 40)) o.comment = pick(rng, country.comments);

    // Items.
    const auto& ids = catalogue_ids();
    const std::size_t n_items = 1 + weighted(rng, {60, 22, 10, 5, 3});
    std::array<std::size_t, 5> chosen{};
    std::int64_t first_line_shipping = 0;
    if (o.fulfilled_by == "Amazon" || o.is_prime) {
        first_line_shipping = 0;
    } else if (o.shipping_method == "Express") {
        static constexpr std::array<std::int64_t, 3> express = {790, 990, 1290};
        first_line_shipping = express[below(rng, express.size())];
    } else if (o.shipping_method == "Relais") {
        static constexpr std::array<std::int64_t, 3> relay = {0, 290, 350};
        first_line_shipping = relay[weighted(rng, {3, 4, 3})];
    } else {
        static constexpr std::array<std::int64_t, 5> standard = {0, 290, 390, 490, 590};
        first_line_shipping = standard[weighted(rng, {45, 15, 15, 15, 10})];
    }
    o.items.reserve(n_items);
    std::int64_t items_total = 0, items_tax = 0, shipping_total = 0;
    for (std::size_t k = 0; k < n_items; ++k) {
        std::size_t pi;
        do {  // distinct products
            pi = static_cast<std::size_t>(below(rng, catalogue.size()));
        } while (std::find(chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(k), pi) !=
                 chosen.begin() + static_cast<std::ptrdiff_t>(k));
        chosen[k] = pi;
        const product& p = catalogue[pi];
        const product_ids& pid = ids[pi];

        order_item it;
        it.beezup_order_item_id = common::uuid_v4(rng);
        it.store_id = acct.store_id;
        it.title = p.title;
        it.gtin = pid.gtin;
        it.marketplace_product_id = marketplace_product_id(m, pid);
        it.merchant_product_id = pid.sku;
        it.image_url = pid.image_url;
        it.quantity = static_cast<std::int64_t>(1 + weighted(rng, {82, 13, 5}));
        it.item_price = {local_price(p, acct.currency)};
        it.item_tax = {vat_part(it.item_price.cents)};
        if (k == 0) it.shipping_price = {first_line_shipping};
        else if (first_line_shipping > 0 && chance(rng, 300)) it.shipping_price = {chance(rng, 500) ? 150 : 250};
        it.total_price = it.item_price * it.quantity;

        items_total += it.total_price.cents;
        items_tax += it.item_tax.cents * it.quantity;
        shipping_total += it.shipping_price.cents;
        o.items.push_back(std::move(it));
    }

    // Totals.
    o.shipping_price = {shipping_total};
    o.shipping_tax = {vat_part(shipping_total)};
    o.total_price = {items_total + shipping_total};
    o.total_tax = {items_tax + o.shipping_tax.cents};
    const std::int64_t commission_per_mille = between(rng, 100, 150);
    o.total_commission = {(o.total_price.cents * commission_per_mille + 500) / 1000};

    // Marketplace-specific fields.
    switch (m) {
        case marketplace::amazon:
            o.extra["order_Amazon_SalesChannel"] = acct.country_iso2 == "DE" ? "Amazon.de" : "Amazon.fr";
            o.extra["order_Amazon_IsReplacementOrder"] = chance(rng, 5) ? "true" : "false";
            o.extra["order_Amazon_OrderType"] = "StandardOrder";
            o.extra["order_Amazon_IsPremiumOrder"] = "false";
            break;
        case marketplace::cdiscount:
            o.extra["order_Cdiscount_SiteCommission"] = decimal(o.total_commission.cents);
            o.extra["order_Cdiscount_ShippingCode"] =
                o.shipping_method == "Express" ? "EXP" : o.shipping_method == "Relais" ? "REL" : "TRK";
            break;
        case marketplace::fnac:
            o.extra["order_Fnac_ClubMember"] = chance(rng, 350) ? "true" : "false";
            break;
        case marketplace::manomano:
            o.extra["order_ManoMano_Channel"] = o.is_business ? "B2B" : "B2C";
            break;
        case marketplace::ebay:
            o.extra["order_Ebay_BuyerUserId"] = o.buyer_identifier;
            o.extra["order_Ebay_SellingManagerSalesRecordNumber"] = std::to_string(between(rng, 1000, 99999));
            break;
        case marketplace::priceminister:
            o.extra["order_PriceMinister_ClubRakuten"] = chance(rng, 300) ? "true" : "false";
            break;
        case marketplace::other: break;
    }
    return o;
}

std::vector<order> generate_orders(std::uint64_t seed, std::size_t count, time_point now) {
    rng_t rng(seed);
    now = whole_seconds(now);
    const time_point earliest = now - days(365);
    const auto& accounts = sandbox_accounts();

    // Purchase times: recent days up to twice as frequent as a year ago, busier in the evening.
    static constexpr std::array<unsigned, 24> hour_weights = {2, 1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9,
                                                              10, 10, 9, 9, 9, 10, 12, 14, 15, 13, 9, 5};
    static constexpr unsigned hour_total = std::accumulate(hour_weights.begin(), hour_weights.end(), 0u);
    const time_point today = time_point{std::chrono::duration_cast<time_point::duration>(
        std::chrono::floor<days>(now.time_since_epoch()))};
    std::vector<time_point> purchases;
    purchases.reserve(count);
    while (purchases.size() < count) {
        const auto d = static_cast<std::int64_t>(below(rng, 366));
        if (below(rng, 732) >= static_cast<std::uint64_t>(732 - d)) continue;
        std::uint64_t r = below(rng, hour_total);
        std::int64_t hour = 0;
        while (r >= hour_weights[static_cast<std::size_t>(hour)]) r -= hour_weights[static_cast<std::size_t>(hour++)];
        const time_point t = today - days(d) + hours(hour) + seconds(between(rng, 0, 3599));
        if (t > now || t < earliest) continue;
        purchases.push_back(t);
    }
    std::sort(purchases.begin(), purchases.end());

    std::vector<order> orders;
    orders.reserve(count);
    std::unordered_set<std::string> marketplace_ids;
    marketplace_ids.reserve(count);
    std::int64_t next_merchant_number = 1000;
    for (const time_point purchase : purchases) {
        std::size_t ai = 0;
        {
            std::uint64_t r = below(rng, 100);
            while (r >= account_weights[ai]) r -= account_weights[ai++];
        }
        const account& acct = accounts[ai];
        order o = generate_order(rng, acct, purchase);
        // Marketplace order ids are unique per marketplace.
        while (!marketplace_ids.insert(acct.marketplace_business_code + "/" + o.marketplace_order_id).second)
            o.marketplace_order_id = make_marketplace_order_id(rng, kind_of(acct), purchase);

        apply_history(rng, o, now);

        if (now - o.purchase > days(10) && o.beezup_status != "Aborted" && chance(rng, 300)) {
            std::string id = "CMD-";
            append_digits_of(id, static_cast<std::uint64_t>(next_merchant_number++), 6);
            o.merchant_order_id = std::move(id);
            const bool presta = acct.store_id == store_a;
            o.merchant_software_name = presta ? "PrestaShop" : "Magento";
            o.merchant_software_version = presta ? "8.1.2" : "2.4.6";
        }
        orders.push_back(std::move(o));
    }
    return orders;
}

}  // namespace beezup::sandbox
