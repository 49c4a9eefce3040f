// The parts of log4cxx's <log4cxx/mdc.h> that the log4cxx profile names,
// with the real signatures and overloads (LogString stands for the
// library's string type).
#pragma once

#include <string>

namespace log4cxx {

using LogString = std::string;

class MDC {
public:
  // Puts a key/value pair for the current thread; the destructor removes it.
  MDC(const std::string &key, const std::string &value);
  MDC(const std::wstring &key, const std::wstring &value);
  ~MDC();

  static void put(const std::string &key, const std::string &value);
  static void put(const std::wstring &key, const std::wstring &value);
  static void putLS(const LogString &key, const LogString &value);
  static std::string get(const std::string &key);
  static std::wstring get(const std::wstring &key);
  static std::string remove(const std::string &key);
  static std::wstring remove(const std::wstring &key);
  static void clear();

private:
  MDC(const MDC &);
  LogString key;
};

} // namespace log4cxx
