//===--- OutputMuting.cpp - a file descriptor pointed at /dev/null --------===//

#include "OutputMuting.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <fcntl.h>
#include <unistd.h>

namespace asyncctx {

Silence::Silence(int Fd) : Fd(Fd) {
  llvm::outs().flush();
  Saved = ::dup(Fd);
  int Null = ::open("/dev/null", O_WRONLY);
  if (Saved >= 0 && Null >= 0)
    ::dup2(Null, Fd);
  if (Null >= 0)
    ::close(Null);
}

Silence::~Silence() {
  llvm::outs().flush();
  if (Saved >= 0) {
    ::dup2(Saved, Fd);
    ::close(Saved);
  }
}

Capture::Capture(int Fd) : Fd(Fd) {
  llvm::outs().flush();
  llvm::errs().flush();
  int File = -1;
  llvm::SmallString<128> Name;
  if (llvm::sys::fs::createTemporaryFile("asyncctx-tidy-report", "txt", File, Name))
    return; // Nothing captured: the output goes where it went.
  Path = std::string(Name);
  Saved = ::dup(Fd);
  if (Saved >= 0)
    ::dup2(File, Fd);
  ::close(File);
}

std::string Capture::take() {
  llvm::outs().flush();
  llvm::errs().flush();
  if (Saved >= 0) {
    ::dup2(Saved, Fd);
    ::close(Saved);
    Saved = -1;
  }
  std::string Text;
  if (!Path.empty()) {
    if (auto Buffer = llvm::MemoryBuffer::getFile(Path))
      Text = (*Buffer)->getBuffer().str();
    llvm::sys::fs::remove(Path);
    Path.clear();
  }
  return Text;
}

Capture::~Capture() { take(); }

} // namespace asyncctx
