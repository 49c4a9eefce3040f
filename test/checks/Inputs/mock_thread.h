// Declarations of the thread-start APIs the checks recognise, without the
// real standard library: std::thread, std::jthread, std::async and
// pthread_create.
#ifndef ASYNCCTX_TEST_MOCK_THREAD_H
#define ASYNCCTX_TEST_MOCK_THREAD_H

namespace std {
class thread {
public:
  template <class F, class... A> explicit thread(F &&fn, A &&...args) {}
  void join() {}
};
class jthread {
public:
  template <class F, class... A> explicit jthread(F &&fn, A &&...args) {}
};
enum class launch { async = 1, deferred = 2 };
template <class T> class future {
public:
  T get() { return T(); }
};
template <class F, class... A> auto async(launch policy, F &&fn, A &&...args) -> future<decltype(fn(args...))> {
  return {};
}
} // namespace std

typedef unsigned long pthread_t;
extern "C" int pthread_create(pthread_t *thread, const void *attr, void *(*start)(void *), void *arg);

#endif // ASYNCCTX_TEST_MOCK_THREAD_H
