// One self-contained HTML page: inline CSS (with a print stylesheet), Chart.js inlined with its
// licence notice, charts as JSON configurations, tables whose figures carry their JSON key and
// value (data-key, data-value) so that a test can compare the page with the JSON output. The
// page asks the network for nothing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace llmb {

// Text for HTML element content and attribute values: & < > " ' escaped.
std::string html_escaped(std::string_view text);

// Whether this build embeds Chart.js (Debian's libjs-chart.js, found at configure time).
bool html_reports_available();

// A figure in a table: what it reads as, and the JSON key and value it came from (empty key:
// plain text).
struct HtmlCell {
  HtmlCell(std::string shown) : text(std::move(shown)) {}
  HtmlCell(std::string shown, std::string json_key, double json_value)
      : text(std::move(shown)), key(std::move(json_key)), value(json_value) {}
  std::string text;
  std::string key;
  double value = 0;
};

class HtmlPage {
 public:
  explicit HtmlPage(std::string title);

  void heading(std::string_view text);
  void paragraph(std::string_view text);
  void table(const std::vector<std::string>& headers,
             const std::vector<std::vector<HtmlCell>>& rows);
  // A Chart.js chart from its configuration ({type, data, options}); the title is also the
  // chart's title in the figure.
  void chart(std::string_view title, nlohmann::json config, double height_em = 22);

  // The whole page. Throws std::logic_error when Chart.js is not embedded (callers check
  // html_reports_available() first).
  std::string render() const;

 private:
  std::string title_;
  std::string body_;
  nlohmann::json charts_ = nlohmann::json::array();
};

}  // namespace llmb
