//===--- FactsDirectoryReaderTest.cpp - asyncctx-tidy ---------------------===//
//
// A reader of a facts directory over a whole program run reads each file
// once, and again when a unit has written it anew; what does not read, or
// is gone, is left out, by it and by a reader that comes afresh.
//
//===----------------------------------------------------------------------===//

#include "utils/FactsDirectory.h"
#include "utils/SummaryRecords.h"

#include "llvm/Support/FileSystem.h"
#include "gtest/gtest.h"

using namespace clang::tidy::asyncctx;

namespace {

records::FactsFile factsOf(llvm::StringRef File, llvm::StringRef FunctionName) {
  records::FactsFile Facts;
  Facts.File = File.str();
  records::FunctionFacts &F = Facts.Functions.emplace_back();
  F.F = {("c:@F@" + FunctionName + "#").str(), FunctionName.str()};
  return Facts;
}

class FactsDirectoryReaderTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("asyncctx-reader", Directory));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Directory); }
  void write(llvm::StringRef Key, const records::FactsFile &Facts) {
    ASSERT_TRUE(writeAtomically(factsPath(Directory, Key), records::writeFacts(Facts)));
  }
  std::string names(const std::vector<records::FactsFile> &Files) {
    std::string Names;
    for (const records::FactsFile &F : Files)
      Names += F.Functions.front().F.Name + " ";
    return Names;
  }

  llvm::SmallString<128> Directory;
};

TEST_F(FactsDirectoryReaderTest, ReadsAFileAgainOnlyWhenItWasWrittenAnew) {
  write("a", factsOf("/src/a.cpp", "first"));
  write("b", factsOf("/src/b.cpp", "other"));
  FactsDirectoryReader Reader(Directory.str().str());
  const records::FactsFile *A = Reader.file("a");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Functions.front().F.Name, "first");
  // Unchanged: the same record, not a second reading.
  EXPECT_EQ(Reader.file("a"), A);
  EXPECT_EQ(names(Reader.files()), "first other ");

  write("a", factsOf("/src/a.cpp", "second"));
  A = Reader.file("a");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Functions.front().F.Name, "second");
  EXPECT_EQ(names(Reader.files()), "second other ");
  EXPECT_EQ(names(Reader.files("/src/a.cpp")), "other ");
}

TEST_F(FactsDirectoryReaderTest, LeavesOutWhatDoesNotReadOrIsGone) {
  write("a", factsOf("/src/a.cpp", "first"));
  write("b", factsOf("/src/b.cpp", "other"));
  FactsDirectoryReader Reader(Directory.str().str());
  EXPECT_EQ(names(Reader.files()), "first other ");

  ASSERT_TRUE(writeAtomically(factsPath(Directory, "b"), "{\"format\": \"something else\"}"));
  EXPECT_EQ(Reader.file("b"), nullptr);
  EXPECT_EQ(names(Reader.files()), "first ");

  ASSERT_FALSE(llvm::sys::fs::remove(factsPath(Directory, "a")));
  EXPECT_EQ(Reader.file("a"), nullptr);
  EXPECT_EQ(names(Reader.files()), "");
  // A reader that comes to the directory afresh agrees.
  FactsDirectoryReader Fresh(Directory.str().str());
  EXPECT_EQ(Fresh.file("a"), nullptr);
  EXPECT_EQ(Fresh.file("b"), nullptr);
  EXPECT_TRUE(Fresh.files().empty());
}

} // namespace
