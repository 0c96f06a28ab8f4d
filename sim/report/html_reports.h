// HTML pages of the reports, each built from the command's JSON document, so that a page shows
// the figures its --format json shows. Each throws nlohmann::json errors only on a document its
// own command did not write.
#pragma once

#include <string>

namespace llmb {

// kFields: every number of the document in a table under its dotted key (serve, data).
enum class HtmlReport { kRun, kCompany, kCompare, kSweep, kClaims, kFields };

// The page of `kind` from `json_document` (what `--format json` writes for that command).
std::string html_report(HtmlReport kind, const std::string& json_document);

}  // namespace llmb
