#include "invoice_pdf.hpp"

#include <hpdf.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace beezup::sandbox {
namespace {

/// Windows-1252 bytes 0x80..0x9F and the code points they stand for (0 = unassigned).
constexpr std::array<std::uint32_t, 32> cp1252_extras{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/// U+0100..U+017F without their accents ('?' where a single letter will not do).
constexpr std::string_view latin_extended_a =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// The next code point of `s` from `i` (advanced); 0xFFFD for invalid UTF-8.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    int extra = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) extra = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) extra = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) extra = 3, cp = c & 0x07;
    else return 0xFFFD;
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    static constexpr std::uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
    if (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
    return cp;
}

struct pdf_error {
    HPDF_STATUS error = 0, detail = 0;
};

void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* e = static_cast<pdf_error*>(user_data);
    if (e->error == 0) *e = {error_no, detail_no};  // keep the first; libharu goes on returning codes
}

struct font_style {
    HPDF_Font font;
    float size, leading;
};

class pdf_writer {
public:
    pdf_writer() : doc_(HPDF_New(on_error, &error_), HPDF_Free) {
        if (!doc_) throw std::runtime_error("libharu: cannot create a document");
        regular_ = HPDF_GetFont(doc_.get(), "Helvetica", "WinAnsiEncoding");
        bold_ = HPDF_GetFont(doc_.get(), "Helvetica-Bold", "WinAnsiEncoding");
        new_page();
    }

    void set_title(const std::string& title) {
        HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_TITLE, to_win_ansi(title).c_str());
        HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_CREATOR, "BeezUP sandbox");
    }

    void write(const text_line& line) {
        using st = text_line::style;
        const std::string first = line.cells.empty() ? std::string() : to_win_ansi(line.cells[0]);
        switch (line.kind) {
        case st::gap: y_ -= 8; break;
        case st::rule:
            room(6);
            HPDF_Page_SetLineWidth(page_, 0.5f);
            HPDF_Page_MoveTo(page_, left, y_ - 2);
            HPDF_Page_LineTo(page_, right, y_ - 2);
            HPDF_Page_Stroke(page_);
            y_ -= 6;
            break;
        case st::title: paragraph(first, {bold_, 18, 26}); break;
        case st::heading: paragraph(first, {bold_, 11, 15}); break;
        case st::small: paragraph(first, {regular_, 8, 10}); break;
        case st::normal: paragraph(first, {regular_, 10, 13}); break;
        case st::table_header: row(line.cells, {bold_, 8, 12}); break;
        case st::table_row: row(line.cells, {regular_, 9, 12}); break;
        case st::total:
        case st::grand_total: {
            const font_style f = line.kind == st::total ? font_style{regular_, 10, 14} : font_style{bold_, 11, 16};
            room(f.leading);
            y_ -= f.leading;
            text(f, 300, first);
            if (line.cells.size() > 1) text_right(f, right, to_win_ansi(line.cells[1]));
            break;
        }
        }
    }

    std::string bytes() {
        if (HPDF_SaveToStream(doc_.get()) != HPDF_OK || error_.error)
            throw std::runtime_error("libharu: error " + std::to_string(error_.error) + " (detail " +
                                     std::to_string(error_.detail) + ")");
        std::string out(HPDF_GetStreamSize(doc_.get()), '\0');
        HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
        const auto status = HPDF_ReadFromStream(doc_.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
        if (status != HPDF_OK && status != HPDF_STREAM_EOF) throw std::runtime_error("libharu: cannot read the PDF");
        out.resize(size);
        return out;
    }

private:
    static constexpr float left = 50, right = 545, bottom = 50, top = 792;
    // Table columns: the item on the left, the numbers right-aligned on these edges.
    static constexpr float item_width = 180;
    static constexpr std::array<float, 5> number_edges{265, 340, 415, 460, right};

    void new_page() {
        page_ = HPDF_AddPage(doc_.get());
        HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        y_ = top;
    }
    void room(float height) {
        if (y_ - height < bottom) new_page();
    }

    float width(const font_style& f, const std::string& s) const {
        if (s.empty()) return 0;
        const auto w = HPDF_Font_TextWidth(f.font, reinterpret_cast<const HPDF_BYTE*>(s.data()),
                                           static_cast<HPDF_UINT>(s.size()));
        return static_cast<float>(w.width) * f.size / 1000.0f;
    }

    void text(const font_style& f, float x, const std::string& s) {
        if (s.empty()) return;
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, f.font, f.size);
        HPDF_Page_TextOut(page_, x, y_, s.c_str());
        HPDF_Page_EndText(page_);
    }
    void text_right(const font_style& f, float edge, const std::string& s) { text(f, edge - width(f, s), s); }

    /// `s` (Windows-1252) in lines no wider than `max`: at spaces, or anywhere for a long word.
    std::vector<std::string> wrap(const font_style& f, const std::string& s, float max) const {
        std::vector<std::string> lines;
        std::string current;
        std::size_t i = 0;
        while (i < s.size()) {
            const auto space = s.find(' ', i);
            std::string word = s.substr(i, space == std::string::npos ? std::string::npos : space - i);
            i = space == std::string::npos ? s.size() : space + 1;
            const std::string candidate = current.empty() ? word : current + " " + word;
            if (width(f, candidate) <= max) {
                current = candidate;
                continue;
            }
            if (!current.empty()) lines.push_back(std::move(current));
            current.clear();
            while (width(f, word) > max && word.size() > 1) {  // a word wider than the line
                std::size_t n = 1;
                while (n < word.size() && width(f, word.substr(0, n + 1)) <= max) ++n;
                lines.push_back(word.substr(0, n));
                word.erase(0, n);
            }
            current = word;
        }
        if (!current.empty() || lines.empty()) lines.push_back(current);
        return lines;
    }

    void paragraph(const std::string& s, const font_style& f) {
        for (const auto& l : wrap(f, s, right - left)) {
            room(f.leading);
            y_ -= f.leading;
            text(f, left, l);
        }
    }

    void row(const std::vector<std::string>& cells, const font_style& f) {
        const auto item = wrap(f, cells.empty() ? std::string() : to_win_ansi(cells[0]), item_width);
        room(f.leading * static_cast<float>(item.size()));
        y_ -= f.leading;
        // In reading order: the item's first line, the numbers, then the rest of the item.
        text(f, left, item.front());
        for (std::size_t k = 1; k < cells.size() && k - 1 < number_edges.size(); ++k)
            text_right(f, number_edges[k - 1], to_win_ansi(cells[k]));
        for (std::size_t k = 1; k < item.size(); ++k) {
            y_ -= f.leading;
            text(f, left, item[k]);
        }
    }

    pdf_error error_;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc_;
    HPDF_Font regular_ = nullptr, bold_ = nullptr;
    HPDF_Page page_ = nullptr;
    float y_ = top;
};

}  // namespace

std::string to_win_ansi(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto cp = next_code_point(utf8, i);
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            out += ' ';
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            // control characters: dropped
        } else if (cp < 0x100) {
            out += static_cast<char>(cp);
        } else if (cp == 0x0132 || cp == 0x0133) {
            out += cp == 0x0132 ? "IJ" : "ij";
        } else if (const auto* hit = std::find(cp1252_extras.begin(), cp1252_extras.end(), cp);
                   cp != 0 && hit != cp1252_extras.end()) {
            out += static_cast<char>(0x80 + (hit - cp1252_extras.begin()));
        } else if (cp >= 0x0100 && cp < 0x0180) {
            out += latin_extended_a[cp - 0x0100];
        } else if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
            out += ' ';  // typographic spaces
        } else if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF) {
            // zero-width: dropped
        } else if (cp >= 0x2010 && cp <= 0x2012) {
            out += '-';
        } else if (cp == 0x2032) {
            out += '\'';
        } else {
            out += '?';
        }
    }
    return out;
}

std::string invoice_pdf(const invoice_data& invoice) {
    pdf_writer pdf;
    pdf.set_title(invoice.number);
    for (const auto& line : invoice_text(invoice)) pdf.write(line);
    return pdf.bytes();
}

}  // namespace beezup::sandbox
