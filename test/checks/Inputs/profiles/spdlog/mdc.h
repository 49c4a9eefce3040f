// spdlog's <spdlog/mdc.h> (spdlog 1.15; Debian 12's spdlog 1.10 predates
// it): a thread-local map of key/value pairs that the loggers print.
#pragma once

#include <map>
#include <string>

#define SPDLOG_API
#define SPDLOG_NAMESPACE_BEGIN namespace spdlog {
#define SPDLOG_NAMESPACE_END }

SPDLOG_NAMESPACE_BEGIN
class SPDLOG_API mdc {
public:
  using mdc_map_t = std::map<std::string, std::string>;

  static void put(const std::string &key, const std::string &value) { get_context()[key] = value; }

  static std::string get(const std::string &key) {
    auto &context = get_context();
    auto it = context.find(key);
    if (it != context.end())
      return it->second;
    return "";
  }

  static void remove(const std::string &key) { get_context().erase(key); }

  static void clear() { get_context().clear(); }

  static mdc_map_t &get_context() {
    static thread_local mdc_map_t context;
    return context;
  }
};
SPDLOG_NAMESPACE_END
