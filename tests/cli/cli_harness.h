// Runs the llmbudget program from the source tree in a scratch directory and captures its
// exit code, stdout and stderr; shared by the CLI tests.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace llmb::cli_test {

namespace fs = std::filesystem;

inline std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Each test gets an empty scratch directory; the CLI runs from the source tree so that
// messages name files as tests/data/bad/NAME.yaml.
class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "llmb-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    scratch_ = pattern;
    fs::create_directory(scratch_ / "io");
    fs::create_directory(scratch_ / "work");
  }
  void TearDown() override { fs::remove_all(scratch_); }

  Result run(const std::vector<std::string>& args) const {
    std::string command = "cd " + quote(LLMB_SOURCE_DIR) + " && " + quote(LLMB_CLI_PATH);
    for (const auto& arg : args) command += " " + quote(arg);
    const fs::path out = scratch_ / "io" / "stdout", err = scratch_ / "io" / "stderr";
    command += " >" + quote(out.string()) + " 2>" + quote(err.string());
    const int status = std::system(command.c_str());
    Result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read(out);
    r.err = read(err);
    return r;
  }

  // What the scratch work directory holds, for checks that nothing was left behind.
  std::vector<std::string> work_entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(scratch_ / "work"))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path work(const std::string& name) const { return scratch_ / "work" / name; }

  fs::path scratch_;
};

inline constexpr int kExitOk = 0;
inline constexpr int kExitInput = 2;
inline constexpr int kExitClaimsFailed = 3;

// One line, ending in a newline, of the form FILE:LINE:COL: ...
inline void expect_one_located_line(const std::string& err) {
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_TRUE(!err.empty() && err.back() == '\n') << err;
  EXPECT_TRUE(std::regex_search(err, std::regex("^[^:\n]+:[0-9]+:[0-9]+: [^\n]+\n$"))) << err;
}

// The start of the one stderr line for a bad input: "FILE:LINE:COL: KEY.PATH: ", without the
// key path for a whole-file error.
inline std::string located_prefix(const std::string& file, int line, int column,
                                  const std::string& key_path) {
  std::string prefix = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  return key_path.empty() ? prefix : prefix + key_path + ": ";
}

// The names, without ".yaml", of the YAML files in `folder` of the source tree: for checks that
// every bad input file has a test case.
inline std::vector<std::string> yaml_stems(const std::string& folder) {
  std::vector<std::string> stems;
  for (const auto& entry : fs::directory_iterator(fs::path(LLMB_SOURCE_DIR) / folder))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      stems.push_back(entry.path().stem().string());
  std::sort(stems.begin(), stems.end());
  return stems;
}

}  // namespace llmb::cli_test
