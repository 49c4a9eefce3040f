//===--- OutputMuting.h - a file descriptor pointed at /dev/null ----------===//
//
// For a pass of clang-tidy whose messages a later one repeats, or whose
// verdict asyncctx-tidy gives itself.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCCTX_TIDY_TOOL_OUTPUTMUTING_H
#define ASYNCCTX_TIDY_TOOL_OUTPUTMUTING_H

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

} // namespace asyncctx

#endif // ASYNCCTX_TIDY_TOOL_OUTPUTMUTING_H
