#pragma once
// The PDF version of an invoice, made with libharu: the same content as the HTML document, as
// text in the built-in Helvetica fonts with WinAnsiEncoding (Windows-1252).

#include "invoice_document.hpp"

#include <string>
#include <string_view>

namespace beezup::sandbox {

/// UTF-8 to Windows-1252 for the PDF's built-in fonts: Latin-1 and the Windows-1252 extras map
/// directly; Latin Extended-A letters lose their accents ("Łódź" -> "Lodz", "ő" -> "o"); typographic
/// spaces become spaces, control characters are dropped, anything else (and invalid UTF-8) is "?".
std::string to_win_ansi(std::string_view utf8);

/// The invoice as a PDF document (bytes). Throws std::runtime_error if libharu fails.
std::string invoice_pdf(const invoice_data& invoice);

}  // namespace beezup::sandbox
