//===--- OutputMuting.h - a file descriptor pointed at /dev/null ----------===//
//
// For a pass of clang-tidy whose messages a later one repeats, or whose
// verdict asyncctx-tidy gives itself; and for clang-tidy's report, which
// asyncctx-tidy prints itself when it leaves findings out of it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_OUTPUTMUTING_H
#define ASYNCCTX_TIDY_TOOL_OUTPUTMUTING_H

#include <string>

namespace asyncctx {

/// Points a file descriptor at /dev/null while it lives.
class Silence {
public:
  explicit Silence(int Fd);
  ~Silence();
  Silence(const Silence &) = delete;
  Silence &operator=(const Silence &) = delete;

private:
  int Fd;
  int Saved = -1;
};

/// Points a file descriptor at a temporary file while it lives; take()
/// puts it back and returns what was written.
class Capture {
public:
  explicit Capture(int Fd);
  ~Capture();
  Capture(const Capture &) = delete;
  Capture &operator=(const Capture &) = delete;
  std::string take();

private:
  int Fd;
  int Saved = -1;
  std::string Path;
};

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_OUTPUTMUTING_H
