// The parts of log4cxx's <log4cxx/ndc.h> that the log4cxx profile names.
#pragma once

#include <string>

namespace log4cxx {

using LogString = std::string;

class NDC {
public:
  // Pushes a message for the current thread; the destructor pops it.
  NDC(const std::string &message);
  ~NDC();

  static void clear();
  static bool get(LogString &dest);
  static LogString pop();
  static bool pop(std::string &buf);
  static LogString peek();
  static void push(const std::string &message);
  static void pushLS(const LogString &message);
  static void remove();

private:
  NDC(const NDC &);
};

} // namespace log4cxx
