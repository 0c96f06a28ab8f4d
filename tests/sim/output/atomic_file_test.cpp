#include "sim/output/atomic_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace llmb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A fresh empty directory per test, removed afterwards.
class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "llmb-atomic-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  static std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
};

TEST_F(AtomicFileTest, CommitWritesTheWholeContents) {
  write_file_atomically((dir_ / "out.json").string(), "{\"flops\": 3.14e23}\n");
  EXPECT_EQ(read(dir_ / "out.json"), "{\"flops\": 3.14e23}\n");
  EXPECT_THAT(entries(), ::testing::ElementsAre("out.json"));
}

TEST_F(AtomicFileTest, TargetIsAbsentUntilCommit) {
  AtomicFile file((dir_ / "out.csv").string());
  file.write("a,b\n");
  EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
  file.commit();
  EXPECT_EQ(read(dir_ / "out.csv"), "a,b\n");
}

TEST_F(AtomicFileTest, DestructionWithoutCommitLeavesNoFileBehind) {
  {
    AtomicFile file((dir_ / "out.json").string());
    file.write("partial");
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicFileTest, ExistingTargetIsReplacedWhole) {
  std::ofstream(dir_ / "out.txt") << "an older and much longer report that must not survive\n";
  write_file_atomically((dir_ / "out.txt").string(), "new\n");
  EXPECT_EQ(read(dir_ / "out.txt"), "new\n");
  EXPECT_THAT(entries(), ::testing::ElementsAre("out.txt"));
}

TEST_F(AtomicFileTest, ExistingTargetIsUntouchedWhenTheWriteIsAbandoned) {
  std::ofstream(dir_ / "out.txt") << "old\n";
  {
    AtomicFile file((dir_ / "out.txt").string());
    file.write("new but abandoned\n");
  }
  EXPECT_EQ(read(dir_ / "out.txt"), "old\n");
  EXPECT_THAT(entries(), ::testing::ElementsAre("out.txt"));
}

TEST_F(AtomicFileTest, MissingDirectoryIsAnOutputErrorAndCreatesNothing) {
  const std::string path = (dir_ / "no-such-dir" / "out.json").string();
  try {
    write_file_atomically(path, "x");
    FAIL() << "wrote into a missing directory";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()),
              path + ":1:1: --output: cannot write (No such file or directory)");
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicFileTest, DirectoryAsTargetIsAnOutputError) {
  fs::create_directory(dir_ / "sub");
  const std::string path = (dir_ / "sub").string();
  try {
    write_file_atomically(path, "x");
    FAIL() << "wrote over a directory";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":1:1: --output: cannot write (is a directory)");
  }
  EXPECT_TRUE(fs::is_directory(dir_ / "sub"));
  EXPECT_THAT(entries(), ::testing::ElementsAre("sub"));
}

TEST_F(AtomicFileTest, PathEndingInASlashIsAnOutputError) {
  const std::string path = dir_.string() + "/";
  EXPECT_THROW(write_file_atomically(path, "x"), OutputError);
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicFileTest, RelativePathIsWrittenInTheWorkingDirectory) {
  const fs::path before = fs::current_path();
  fs::current_path(dir_);
  write_file_atomically("relative.txt", "ok\n");
  fs::current_path(before);
  EXPECT_EQ(read(dir_ / "relative.txt"), "ok\n");
  EXPECT_THAT(entries(), ::testing::ElementsAre("relative.txt"));
}

TEST_F(AtomicFileTest, WrittenFileIsReadableByOthers) {
  // mkstemp creates 0600; a report should have ordinary permissions.
  write_file_atomically((dir_ / "out.json").string(), "{}\n");
  const auto perms = fs::status(dir_ / "out.json").permissions();
  EXPECT_NE(perms & fs::perms::others_read, fs::perms::none);
}

}  // namespace
}  // namespace llmb
