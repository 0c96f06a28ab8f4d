#include "sim/report/html_page.h"

#include <fmt/format.h>

#include <cstddef>
#include <stdexcept>

#ifdef LLMB_HAVE_CHARTJS
extern const char llmb_embedded_chartjs[];
extern const std::size_t llmb_embedded_chartjs_size;
extern const char llmb_embedded_chartjs_licence[];
extern const std::size_t llmb_embedded_chartjs_licence_size;
#endif

namespace llmb {
namespace {

// Screen and print: charts keep their size on paper, tables do not split rows across pages.
constexpr std::string_view kStyle = R"css(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f2f2f2; }
figure { margin: 1em 0; height: 22em; position: relative; }
footer { margin-top: 3em; font-size: 0.75em; color: #666; white-space: pre-wrap; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  figure { height: 18em; break-inside: avoid; }
  tr { break-inside: avoid; }
  footer { display: none; }
}
)css";

// Every chart from its configuration: no animation (a printed or tested page is drawn at once),
// the title shown in the chart.
constexpr std::string_view kScript = R"js(
for (const [index, chart] of LLMB_CHARTS.entries()) {
  const config = chart.config;
  config.options = config.options || {};
  config.options.animation = false;
  config.options.maintainAspectRatio = false;
  config.options.plugins = config.options.plugins || {};
  config.options.plugins.title = {display: true, text: chart.title};
  new Chart(document.getElementById('chart' + index), config);
}
)js";

// JSON inside <script>: "</" would end the element, so it is written "<\/".
std::string script_safe(std::string json) {
  std::string out;
  for (std::size_t i = 0; i < json.size(); ++i) {
    out += json[i];
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') out += '\\';
  }
  return out;
}

}  // namespace

std::string html_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool html_reports_available() {
#ifdef LLMB_HAVE_CHARTJS
  return true;
#else
  return false;
#endif
}

HtmlPage::HtmlPage(std::string title) : title_(std::move(title)) {
  body_ += fmt::format("<h1>{}</h1>\n", html_escaped(title_));
}

void HtmlPage::heading(std::string_view text) {
  body_ += fmt::format("<h2>{}</h2>\n", html_escaped(text));
}

void HtmlPage::paragraph(std::string_view text) {
  body_ += fmt::format("<p>{}</p>\n", html_escaped(text));
}

void HtmlPage::table(const std::vector<std::string>& headers,
                     const std::vector<std::vector<HtmlCell>>& rows) {
  body_ += "<table>\n<tr>";
  for (const std::string& header : headers) body_ += "<th>" + html_escaped(header) + "</th>";
  body_ += "</tr>\n";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (const HtmlCell& cell : row) {
      if (cell.key.empty())
        body_ += "<td>" + html_escaped(cell.text) + "</td>";
      else
        body_ += fmt::format("<td data-key=\"{}\" data-value=\"{:.17g}\">{}</td>",
                             html_escaped(cell.key), cell.value, html_escaped(cell.text));
    }
    body_ += "</tr>\n";
  }
  body_ += "</table>\n";
}

void HtmlPage::chart(std::string_view title, nlohmann::json config, double height_em) {
  body_ += fmt::format(
      "<figure style=\"height: {:g}em\"><canvas id=\"chart{}\" role=\"img\" "
      "aria-label=\"{}\"></canvas></figure>\n",
      height_em, charts_.size(), html_escaped(title));
  charts_.push_back({{"title", std::string(title)}, {"config", std::move(config)}});
}

std::string HtmlPage::render() const {
#ifdef LLMB_HAVE_CHARTJS
  const std::string_view chartjs(llmb_embedded_chartjs, llmb_embedded_chartjs_size);
  const std::string_view licence(llmb_embedded_chartjs_licence, llmb_embedded_chartjs_licence_size);
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // No request leaves the page: scripts and styles are inline, nothing else may load.
  page +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n";
  page += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                      html_escaped(title_), kStyle);
  page += body_;
  page +=
      "<footer>Made by llmbudget. Charts drawn by Chart.js, embedded in this page under its "
      "licence:\n" +
      html_escaped(licence) + "</footer>\n";
  page += "<script>\n";
  page += chartjs;
  page += "\n</script>\n<script>\nconst LLMB_CHARTS = " + script_safe(charts_.dump()) + ";\n";
  page += kScript;
  page += "</script>\n</body>\n</html>\n";
  return page;
#else
  throw std::logic_error("HtmlPage::render: this build has no Chart.js");
#endif
}

}  // namespace llmb
