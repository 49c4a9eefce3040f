//===--- SpawnerTest.cpp - asyncctx-tidy ----------------------------------===//
//
// A Spawner starts each process from the process it forked at the start:
// the process gets the strings and the descriptors it was given, and no
// other descriptor of the program run; its status comes back, and a crash
// says so; processes can run side by side, as files kept parsed do.
//
//===----------------------------------------------------------------------===//

#include "Spawner.h"

#include "gtest/gtest.h"

#include <csignal>
#include <fcntl.h>
#include <string>
#include <unistd.h>

using namespace asyncctx;

namespace {

/// Strings: what to do, then its operands.
///  "status N": ends with status N;
///  "closed FD": 0 if descriptor FD is not open in the process, else 1;
///  "say TEXT": writes TEXT on the first descriptor given, then ends 0;
///  "wait": reads a line from the first descriptor given, ends with its
///          length;
///  "crash": killed by a signal.
int body(const std::vector<std::string> &Strings, llvm::ArrayRef<int> FDs) {
  const std::string &What = Strings.at(0);
  if (What == "status")
    return std::stoi(Strings.at(1));
  if (What == "closed")
    return ::fcntl(std::stoi(Strings.at(1)), F_GETFD) == -1 ? 0 : 1;
  if (What == "say") {
    const std::string &Text = Strings.at(1);
    return ::write(FDs[0], Text.data(), Text.size()) == ssize_t(Text.size()) ? 0 : 2;
  }
  if (What == "wait") {
    std::string Line;
    char C;
    while (::read(FDs[0], &C, 1) == 1 && C != '\n')
      Line += C;
    return int(Line.size());
  }
  if (What == "crash")
    ::raise(SIGKILL);
  return 99;
}

TEST(SpawnerTest, StatusComesBack) {
  Spawner Spawn(body);
  for (int Status : {0, 3, 42}) {
    std::optional<Spawned> P = Spawn.start({"status", std::to_string(Status)}, {});
    ASSERT_TRUE(P);
    EXPECT_EQ(Spawner::wait(*P), Status);
  }
}

TEST(SpawnerTest, CrashIsNoStatus) {
  Spawner Spawn(body);
  std::optional<Spawned> P = Spawn.start({"crash"}, {});
  ASSERT_TRUE(P);
  EXPECT_EQ(Spawner::wait(*P), std::nullopt);
  // The spawner goes on after a crash.
  P = Spawn.start({"status", "5"}, {});
  ASSERT_TRUE(P);
  EXPECT_EQ(Spawner::wait(*P), 5);
}

TEST(SpawnerTest, OnlyTheDescriptorsGiven) {
  int Before[2];
  ASSERT_EQ(::pipe(Before), 0);
  Spawner Spawn(body);
  int Pipe[2];
  ASSERT_EQ(::pipe(Pipe), 0);
  // Open here, not given: closed there, whether opened before the spawner
  // was forked or after.
  for (int Open : {Before[1], Pipe[1]}) {
    std::optional<Spawned> P = Spawn.start({"closed", std::to_string(Open)}, {});
    ASSERT_TRUE(P);
    EXPECT_EQ(Spawner::wait(*P), 0) << "descriptor " << Open;
  }
  ::close(Before[0]);
  ::close(Before[1]);
  // Given: written there, read here.
  std::optional<Spawned> P = Spawn.start({"say", "facts"}, {Pipe[1]});
  ASSERT_TRUE(P);
  EXPECT_EQ(Spawner::wait(*P), 0);
  ::close(Pipe[1]);
  char Got[16] = {};
  EXPECT_EQ(::read(Pipe[0], Got, sizeof(Got)), 5);
  EXPECT_STREQ(Got, "facts");
  ::close(Pipe[0]);
}

TEST(SpawnerTest, ProcessesSideBySide) {
  Spawner Spawn(body);
  int First[2], Second[2];
  ASSERT_EQ(::pipe(First), 0);
  ASSERT_EQ(::pipe(Second), 0);
  std::optional<Spawned> A = Spawn.start({"wait"}, {First[0]});
  std::optional<Spawned> B = Spawn.start({"wait"}, {Second[0]});
  ASSERT_TRUE(A && B);
  ::close(First[0]);
  ::close(Second[0]);
  // The second goes on first; the first still waits.
  ASSERT_EQ(::write(Second[1], "go on\n", 6), 6);
  EXPECT_EQ(Spawner::wait(*B), 5);
  ASSERT_EQ(::write(First[1], "go\n", 3), 3);
  EXPECT_EQ(Spawner::wait(*A), 2);
  ::close(First[1]);
  ::close(Second[1]);
}

} // namespace
