#!/usr/bin/env python3
"""Each bundled HTML report, opened in headless Chromium from file:// with the network off: no
console errors, no request leaves the page, every chart's canvas has drawn pixels, and every
figure the page shows under a data-key equals the JSON output's value at that key. A screenshot
of each page is written to OUT_DIR.

Usage: check_reports.py LLMBUDGET SOURCE_DIR OUT_DIR
Exits 77 (ctest's skip) when Chromium, chromedriver or python3-selenium is missing, or the
binary was built without Chart.js.
"""
import json
import os
import shutil
import subprocess
import sys

SKIP = 77

# (name, command-line arguments after the binary, relative to the source directory).
REPORTS = [
    ("company", ["company", "scenarios/companies/vertical_model.yaml"]),
    ("compare", ["compare", "scenarios/companies/general_model.yaml",
                 "scenarios/companies/china_general_model.yaml",
                 "scenarios/companies/vertical_model.yaml",
                 "scenarios/companies/application.yaml", "--samples", "1000", "--seed", "7"]),
    ("run", ["run", "scenarios/examples/gpt3_on_a100.yaml"]),
    ("run_layout", ["run", "scenarios/claims/megatron_table1_1.7b.yaml"]),
    ("sweep_surface", ["sweep", "scenarios/sweeps/params_tokens_a100.yaml", "--summary",
                       "--top", "961", "--by", "cost.cloud_usd", "--no-progress"]),
    ("sweep_pareto", ["sweep", "scenarios/sweeps/cluster_size_days.yaml", "--summary", "--pareto",
                      "--top", "5", "--by", "cost.cloud_usd", "--no-progress"]),
    ("sweep_monte_carlo", ["sweep", "scenarios/sweeps/gpt3_monte_carlo.yaml", "--summary",
                           "--no-progress"]),
    ("claims", ["claims"]),
    ("serve", ["serve", "scenarios/serving/chatgpt_semianalysis.yaml"]),
    ("data", ["data", "scenarios/labelling/llama2_preferences.yaml"]),
]


def skip(reason):
    print(f"SKIPPED: {reason}")
    sys.exit(SKIP)


def at_key(document, key):
    """The value at a dotted key; an object's own key may hold dots ("cost.cloud_usd")."""
    if isinstance(document, list):
        head, _, rest = key.partition(".")
        return at_key(document[int(head)], rest) if rest else document[int(head)]
    parts = key.split(".")
    for n in range(len(parts), 0, -1):
        name = ".".join(parts[:n])
        if name in document:
            rest = ".".join(parts[n:])
            return at_key(document[name], rest) if rest else document[name]
    raise KeyError(key)


def main():
    binary, source_dir, out_dir = sys.argv[1:4]
    try:
        from selenium import webdriver
    except ImportError:
        skip("python3-selenium is not installed (apt install python3-selenium)")
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        skip("chromium or chromium-driver is not installed (apt install chromium chromium-driver)")
    probe = subprocess.run([binary, "run", "scenarios/examples/gpt3_on_a100.yaml", "--format",
                            "html"], cwd=source_dir, capture_output=True, text=True)
    if probe.returncode == 2 and "libjs-chart.js" in probe.stderr:
        skip("this build has no Chart.js: " + probe.stderr.strip())

    os.makedirs(out_dir, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                 "--window-size=1280,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path) if hasattr(
        webdriver, "ChromeService") else webdriver.chrome.service.Service(driver_path)
    browser = webdriver.Chrome(options=options, service=service)
    failures = []
    try:
        browser.execute_cdp_cmd("Network.enable", {})
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        for name, args in REPORTS:
            html_path = os.path.join(out_dir, name + ".html")
            made = subprocess.run([binary, *args, "--format", "html", "-o", html_path],
                                  cwd=source_dir, capture_output=True, text=True)
            if made.returncode not in (0, 3):  # 3: a claim is off, the page is still written
                failures.append(f"{name}: llmbudget exited {made.returncode}: {made.stderr}")
                continue
            shown = subprocess.run([binary, *args, "--format", "json"], cwd=source_dir,
                                   capture_output=True, text=True)
            document = json.loads(shown.stdout)
            browser.get("file://" + os.path.abspath(html_path))
            problems = check_page(browser, document)
            height = browser.execute_script("return document.body.scrollHeight")
            browser.set_window_size(1280, min(int(height) + 40, 16000))
            browser.save_screenshot(os.path.join(out_dir, name + ".png"))
            browser.set_window_size(1280, 900)
            size = os.path.getsize(html_path)
            print(f"{name}: {size} bytes, {len(problems)} problems")
            failures += [f"{name}: {p}" for p in problems]
    finally:
        browser.quit()
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


def check_page(browser, document):
    problems = []
    for entry in browser.get_log("browser"):
        if entry["level"] == "SEVERE":
            problems.append("console error: " + entry["message"])
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("file:", "data:")):
                problems.append("network request: " + url)
    canvases = browser.execute_script("""
      return [...document.querySelectorAll('canvas')].map(c => {
        const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let drawn = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ++drawn;
        return [c.getAttribute('aria-label'), c.width * c.height, drawn];
      });""")
    for label, area, drawn in canvases:
        if area == 0 or drawn == 0:
            problems.append(f"chart '{label}' is blank")
    figures = browser.execute_script("""
      return [...document.querySelectorAll('[data-key]')].map(
        e => [e.dataset.key, e.dataset.value, e.textContent]);""")
    if not figures:
        problems.append("no figures with data-key")
    for key, value, text in figures:
        try:
            expected = at_key(document, key)
        except (KeyError, IndexError, ValueError, TypeError):
            problems.append(f"{key}: not in the JSON output")
            continue
        if not text.strip():
            problems.append(f"{key}: shown empty")
        if float(value) != float(expected):
            problems.append(f"{key}: page {value}, JSON {expected}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
