//===--- OutputMuting.cpp - a file descriptor pointed at /dev/null --------===//

#include "OutputMuting.h"

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

} // namespace asyncctx
