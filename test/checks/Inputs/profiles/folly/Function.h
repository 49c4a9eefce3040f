// folly's <folly/Function.h> (folly ff98381ea68687a95c6185326db933aa6124d4c5):
// folly::Function<R(Args...)>, the move-only callable that folly::Func and
// every executor's add() take. The small-buffer storage is left out: this
// one keeps the callable on the heap.
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace folly {

template <typename FunctionType> class Function;

template <typename ReturnType, typename... Args> class Function<ReturnType(Args...)> {
  struct Base {
    virtual ~Base() = default;
    virtual ReturnType call(Args &&...args) = 0;
  };
  template <typename Fun> struct Impl final : Base {
    explicit Impl(Fun &&fun) : fun_(std::move(fun)) {}
    ReturnType call(Args &&...args) override {
      return static_cast<ReturnType>(fun_(static_cast<Args &&>(args)...));
    }
    Fun fun_;
  };

public:
  Function() noexcept = default;
  /* implicit */ Function(std::nullptr_t) noexcept {}
  template <typename Fun, typename = std::enable_if_t<
                              !std::is_same_v<std::decay_t<Fun>, Function> &&
                              std::is_invocable_r_v<ReturnType, std::decay_t<Fun> &, Args...>>>
  /* implicit */ Function(Fun fun)
      : impl_(std::make_unique<Impl<Fun>>(std::move(fun))) {}
  Function(Function &&) noexcept = default;
  Function &operator=(Function &&) noexcept = default;
  Function(const Function &) = delete;
  Function &operator=(const Function &) = delete;
  Function &operator=(std::nullptr_t) noexcept {
    impl_.reset();
    return *this;
  }

  ReturnType operator()(Args... args) { return impl_->call(static_cast<Args &&>(args)...); }
  explicit operator bool() const noexcept { return impl_ != nullptr; }
  friend bool operator==(const Function &fn, std::nullptr_t) noexcept { return !fn; }
  friend bool operator==(std::nullptr_t, const Function &fn) noexcept { return !fn; }
  friend bool operator!=(const Function &fn, std::nullptr_t) noexcept { return !!fn; }
  friend bool operator!=(std::nullptr_t, const Function &fn) noexcept { return !!fn; }

private:
  std::unique_ptr<Base> impl_;
};

} // namespace folly
