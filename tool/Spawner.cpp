//===--- Spawner.cpp - processes forked from a small process --------------===//

#include "Spawner.h"

#include "utils/FactsDirectory.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace asyncctx {

namespace {

/// The most descriptors a start() passes on, and the most bytes of strings.
constexpr unsigned MostFDs = 8;
constexpr size_t MostBytes = 1 << 20;

void closeAll(llvm::ArrayRef<int> FDs) {
  for (int FD : FDs)
    if (FD >= 0)
      ::close(FD);
}

/// Closes every descriptor but the standard ones and \p Kept.
void closeAllBut(llvm::ArrayRef<int> Kept) {
  llvm::SmallVector<int, MostFDs> Sorted(Kept.begin(), Kept.end());
  llvm::sort(Sorted);
  unsigned From = 3;
  for (int FD : Sorted) {
    if (FD > int(From))
      ::close_range(From, unsigned(FD) - 1, 0);
    From = std::max(From, unsigned(FD) + 1);
  }
  ::close_range(From, ~0U, 0);
}

/// The started process: runs \p Run with only the descriptors it was
/// given, says its status on \p StatusFD, ends.
[[noreturn]] void runStarted(Spawner::Body Run, const std::vector<std::string> &Strings,
                             llvm::ArrayRef<int> FDs, int StatusFD) {
  llvm::SmallVector<int, MostFDs> Kept(FDs.begin(), FDs.end());
  Kept.push_back(StatusFD);
  closeAllBut(Kept);
  int Status = Run(Strings, FDs);
  std::string Line = std::to_string(Status) + "\n";
  [[maybe_unused]] ssize_t Written = ::write(StatusFD, Line.data(), Line.size());
  ::_exit(Status);
}

/// Strings as sent: each ended by a NUL.
std::string joined(const std::vector<std::string> &Strings) {
  std::string Bytes;
  for (const std::string &S : Strings)
    Bytes.append(S.c_str(), S.size() + 1);
  return Bytes;
}

std::vector<std::string> split(llvm::StringRef Bytes) {
  std::vector<std::string> Strings;
  while (!Bytes.empty()) {
    auto [One, Rest] = Bytes.split('\0');
    Strings.push_back(One.str());
    Bytes = Rest;
  }
  return Strings;
}

/// The spawner: starts a process for each request on \p Socket until it
/// closes, then waits for them all. Never returns.
[[noreturn]] void serve(Spawner::Body Run, int Socket) {
  std::vector<char> Buffer(MostBytes);
  alignas(struct cmsghdr) char Control[CMSG_SPACE(sizeof(int) * MostFDs)];
  for (;;) {
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    struct iovec Part = {Buffer.data(), Buffer.size()};
    struct msghdr Message = {};
    Message.msg_iov = &Part;
    Message.msg_iovlen = 1;
    Message.msg_control = Control;
    Message.msg_controllen = sizeof(Control);
    ssize_t Got = ::recvmsg(Socket, &Message, 0);
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got <= 0)
      break; // asyncctx-tidy is done (or gone)
    llvm::SmallVector<int, MostFDs> FDs;
    for (struct cmsghdr *C = CMSG_FIRSTHDR(&Message); C; C = CMSG_NXTHDR(&Message, C))
      if (C->cmsg_level == SOL_SOCKET && C->cmsg_type == SCM_RIGHTS)
        for (size_t I = 0; I < (C->cmsg_len - CMSG_LEN(0)) / sizeof(int); ++I) {
          int FD;
          std::memcpy(&FD, CMSG_DATA(C) + I * sizeof(int), sizeof(int));
          FDs.push_back(FD);
        }
    bool Whole = !(Message.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) && !FDs.empty();
    pid_t Pid = Whole ? ::fork() : -1;
    if (Pid == 0) {
      ::close(Socket);
      runStarted(Run, split(llvm::StringRef(Buffer.data(), size_t(Got))),
                 llvm::ArrayRef<int>(FDs).drop_back(), FDs.back());
    }
    closeAll(FDs);
    char Answer = Pid > 0 ? 'y' : 'n';
    if (::send(Socket, &Answer, 1, MSG_NOSIGNAL) != 1)
      break;
  }
  while (::waitpid(-1, nullptr, 0) > 0) {
  }
  ::_exit(0);
}

} // namespace

Spawner::Spawner(Body Run) : Run(Run) {
  int Ends[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET, 0, Ends) != 0)
    return;
  Pid = ::fork();
  if (Pid == 0) {
    ::close(Ends[0]);
    serve(Run, Ends[1]);
  }
  ::close(Ends[1]);
  if (Pid < 0) {
    ::close(Ends[0]);
    return; // every process is forked here
  }
  Socket = Ends[0];
}

Spawner::~Spawner() {
  if (Socket >= 0)
    ::close(Socket);
  if (Pid > 0)
    ::waitpid(Pid, nullptr, 0);
}

std::optional<Spawned> Spawner::start(const std::vector<std::string> &Strings,
                                      llvm::ArrayRef<int> FDs) {
  if (FDs.size() + 1 > MostFDs)
    return std::nullopt;
  int Status[2];
  if (::pipe(Status) != 0)
    return std::nullopt;
  llvm::SmallVector<int, MostFDs> Passed(FDs.begin(), FDs.end());
  Passed.push_back(Status[1]);
  std::string Bytes = joined(Strings);
  if (Socket >= 0 && Bytes.size() <= MostBytes) {
    alignas(struct cmsghdr) char Control[CMSG_SPACE(sizeof(int) * MostFDs)] = {};
    struct iovec Part = {Bytes.data(), Bytes.size()};
    struct msghdr Message = {};
    Message.msg_iov = &Part;
    Message.msg_iovlen = 1;
    Message.msg_control = Control;
    Message.msg_controllen = CMSG_SPACE(sizeof(int) * Passed.size());
    struct cmsghdr *C = CMSG_FIRSTHDR(&Message);
    C->cmsg_level = SOL_SOCKET;
    C->cmsg_type = SCM_RIGHTS;
    C->cmsg_len = CMSG_LEN(sizeof(int) * Passed.size());
    std::memcpy(CMSG_DATA(C), Passed.data(), sizeof(int) * Passed.size());
    char Answer = 'n';
    if (::sendmsg(Socket, &Message, MSG_NOSIGNAL) == ssize_t(Bytes.size()) &&
        ::recv(Socket, &Answer, 1, 0) == 1 && Answer == 'y') {
      ::close(Status[1]);
      return Spawned{Status[0], -1};
    }
    // The spawner is gone, or could not fork: from here on, fork here (it
    // ends once the processes it started have; the destructor waits).
    ::close(Socket);
    Socket = -1;
  }
  pid_t Child = ::fork();
  if (Child == 0) {
    ::close(Status[0]);
    runStarted(Run, Strings, FDs, Status[1]);
  }
  ::close(Status[1]);
  if (Child < 0) {
    ::close(Status[0]);
    return std::nullopt;
  }
  return Spawned{Status[0], Child};
}

std::optional<int> Spawner::wait(Spawned &P) {
  std::string Said = clang::tidy::asyncctx::readHandshakeLine(P.StatusFD);
  ::close(P.StatusFD);
  P.StatusFD = -1;
  int Status = -1;
  bool Reported = !llvm::StringRef(Said).getAsInteger(10, Status);
  if (P.Pid > 0) {
    int WaitStatus = 0;
    bool Waited = ::waitpid(P.Pid, &WaitStatus, 0) == P.Pid;
    P.Pid = -1;
    if (Waited && WIFEXITED(WaitStatus))
      return WEXITSTATUS(WaitStatus);
    return std::nullopt;
  }
  if (!Reported)
    return std::nullopt;
  return Status;
}

} // namespace asyncctx
