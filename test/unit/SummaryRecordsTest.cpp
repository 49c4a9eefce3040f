//===--- SummaryRecordsTest.cpp - asyncctx-tidy ---------------------------===//
//
// The summaries of a translation unit, written to their text form and read
// back: equal records, and the same text when written again.
//
//===----------------------------------------------------------------------===//

#include "utils/AnalysisContext.h"
#include "utils/RoleConfig.h"
#include "utils/ScopeAnalysis.h"
#include "utils/SummaryRecords.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::tidy;
using namespace clang::tidy::asyncctx;

namespace {

// A store of each kind a summary names: a global object, a parameter, a
// class, a configured one; reads directly, through calls and after a
// suspension; effects that enter, clear and leave as the caller had it; a
// function that returns what it read.
const char Source[] = R"cpp(
#include <coroutine>
#define A(role) [[clang::annotate("asyncctx::" role)]]
template <class T> class A("store") store {
public:
  template <class F> A("run") decltype(auto) run(T v, F &&fn) { return fn(); }
  A("read") T *get() const;
  A("enter_with") void enter_with(T v);
  A("disable") void disable();
};
namespace corp { int *current(); void set(int); }
store<int> s;
int *read_s() { return s.get(); }
int *through() { return read_s(); }
int *through_param(store<int> &p) { return p.get(); }
int *any(store<int> *p);
void enter() { s.enter_with(1); }
void clear() { s.disable(); }
void maybe(bool b) { if (b) s.enter_with(2); }
int *configured() { return corp::current(); }
struct failure {};
void validate(bool ok) { if (!ok) throw failure{}; s.disable(); }
void checked(bool ok) { validate(ok); }
void caught(bool ok) { try { validate(ok); } catch (...) {} }
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
struct tick { bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {} void await_resume() const noexcept {} };
task coro() { read_s(); co_await tick{}; through(); }
A("invocation") void handler() { s.run(1, [] { through(); }); enter(); clear(); }
int main() { through(); }
)cpp";

struct Analysed {
  std::unique_ptr<ASTUnit> AST;
  records::FactsFile Facts;
};

Analysed analyse() {
  Analysed Out;
  Out.AST = tooling::buildASTFromCodeWithArgs(Source, {"-std=c++20"}, "input.cpp");
  EXPECT_TRUE(Out.AST);
  EXPECT_FALSE(Out.AST->getDiagnostics().hasErrorOccurred()) << "the input does not compile";
  ClangTidyOptions::OptionMap Options;
  Options["asyncctx.ReadFunctions"] = ClangTidyOptions::ClangTidyValue("corp::current");
  Options["asyncctx.EnterWithFunctions"] = ClangTidyOptions::ClangTidyValue("corp::set");
  std::vector<std::string> Errors;
  std::shared_ptr<const RoleConfig> Config = RoleConfig::get(Options, Errors);
  EXPECT_TRUE(Errors.empty());
  AnalysisContext Context(Out.AST->getASTContext(), *Config);
  ScopeAnalysisOptions Keep;
  Keep.KeepSummaries = true;
  ScopeAnalysisResult Result = analyseScopes(Context, Keep);
  Out.Facts = records::recordSummaries(Result.Summaries, Out.AST->getASTContext(), Context.Roles);
  return Out;
}

const records::FunctionFacts *find(const records::FactsFile &Facts, llvm::StringRef Name) {
  for (const records::FunctionFacts &F : Facts.Functions)
    if (F.F.Name == Name)
      return &F;
  return nullptr;
}

TEST(SummaryRecords, WrittenAndReadBackAreEqual) {
  Analysed A = analyse();
  std::string Text = records::writeFacts(A.Facts);
  llvm::Expected<records::FactsFile> Read = records::readFacts(Text);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(*Read, A.Facts);
  EXPECT_EQ(records::writeFacts(*Read), Text);
  if (getenv("ASYNCCTX_DUMP_FACTS"))
    llvm::errs() << Text;
}

TEST(SummaryRecords, HoldWhatTheAnalysisFound) {
  Analysed A = analyse();
  ASSERT_GE(A.Facts.Functions.size(), 8u);
  EXPECT_TRUE(llvm::StringRef(A.Facts.File).ends_with("/input.cpp")) << A.Facts.File;

  const records::FunctionFacts *Through = find(A.Facts, "through");
  ASSERT_TRUE(Through);
  ASSERT_EQ(Through->Needs.size(), 1u);
  const records::Need &N = Through->Needs.front();
  EXPECT_EQ(N.S.K, records::Store::Kind::Object);
  EXPECT_EQ(N.S.Name, "s");
  ASSERT_EQ(N.Links.size(), 1u);
  EXPECT_EQ(N.Links[0].Caller.Name, "through");
  EXPECT_EQ(N.Links[0].Callee.Name, "read_s");
  EXPECT_EQ(N.ReadFunction.Name, "get");
  EXPECT_FALSE(N.ReadFunction.USR.empty());
  EXPECT_EQ(N.Read.File, A.Facts.File);
  ASSERT_TRUE(Through->ReturnsRead);
  EXPECT_EQ(Through->ReturnsRead->S.Name, "s");

  const records::FunctionFacts *Param = find(A.Facts, "through_param");
  ASSERT_TRUE(Param);
  ASSERT_EQ(Param->Needs.size(), 1u);
  EXPECT_EQ(Param->Needs[0].S.K, records::Store::Kind::Parameter);
  EXPECT_EQ(Param->Needs[0].S.Parameter, 0u);

  const records::FunctionFacts *Configured = find(A.Facts, "configured");
  ASSERT_TRUE(Configured);
  ASSERT_EQ(Configured->Needs.size(), 1u);
  EXPECT_EQ(Configured->Needs[0].S.K, records::Store::Kind::Named);
  EXPECT_EQ(Configured->Needs[0].S.Id, "corp");

  const records::FunctionFacts *Enter = find(A.Facts, "enter");
  ASSERT_TRUE(Enter);
  ASSERT_EQ(Enter->Effects.size(), 1u);
  EXPECT_EQ(Enter->Effects[0].Scopes, "in");
  EXPECT_EQ(Enter->Effects[0].EnteredBy.Name, "enter_with");
  const records::FunctionFacts *Clear = find(A.Facts, "clear");
  ASSERT_TRUE(Clear);
  EXPECT_EQ(Clear->Effects[0].Scopes, "no");
  EXPECT_EQ(Clear->Effects[0].Origin, "disabled");
  const records::FunctionFacts *Maybe = find(A.Facts, "maybe");
  ASSERT_TRUE(Maybe);
  EXPECT_EQ(Maybe->Effects[0].Scopes, "in+entry");

  const records::FunctionFacts *Validate = find(A.Facts, "validate"),
                               *Checked = find(A.Facts, "checked"),
                               *Caught = find(A.Facts, "caught");
  ASSERT_TRUE(Validate && Checked && Caught);
  EXPECT_TRUE(Validate->MayThrow);
  EXPECT_TRUE(Checked->MayThrow);
  EXPECT_FALSE(Caught->MayThrow);
  EXPECT_FALSE(Through->MayThrow);

  const records::FunctionFacts *Coro = find(A.Facts, "coro");
  ASSERT_TRUE(Coro);
  ASSERT_EQ(Coro->Needs.size(), 2u);
  EXPECT_NE(Coro->Needs[0].AfterSuspension, Coro->Needs[1].AfterSuspension);

  const records::FunctionFacts *Handler = find(A.Facts, "handler");
  ASSERT_TRUE(Handler);
  EXPECT_EQ(Handler->Entry, "invocation");
  const records::FunctionFacts *Main = find(A.Facts, "main");
  ASSERT_TRUE(Main);
  EXPECT_EQ(Main->Entry, "main");
}

// The facts of a file: calls of functions of other files kept as sites,
// with the state at each; a value kept in static storage from one; the
// address of one taken; the files read.
const char FileSource[] = R"cpp(
#define A(role) [[clang::annotate("asyncctx::" role)]]
template <class T> class A("store") store {
public:
  template <class F> A("run") decltype(auto) run(T v, F &&fn) { return fn(); }
  A("read") T *get() const;
};
store<int> s;
int *elsewhere();
void takes(store<int> &which);
int *in_scope() { return s.run(1, [] { return elsewhere(); }); }
int *outside() { takes(s); return elsewhere(); }
const int *kept() { static const int *k = elsewhere(); return k; }
auto *pointer = &elsewhere;
)cpp";

TEST(SummaryRecords, FileFactsKeepSitesAndRoundTrip) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(FileSource, {"-std=c++17"}, "file.cpp");
  ASSERT_TRUE(AST);
  std::vector<std::string> Errors;
  std::shared_ptr<const RoleConfig> Config = RoleConfig::get({}, Errors);
  AnalysisContext Context(AST->getASTContext(), *Config);
  ScopeAnalysisOptions Record;
  Record.RecordSites = true;
  ScopeAnalysisResult Result = analyseScopes(Context, Record);
  records::FactsFile Facts = records::recordFacts(Result, AST->getASTContext(), Context.Roles);

  const records::FunctionFacts *Outside = find(Facts, "outside");
  ASSERT_TRUE(Outside);
  ASSERT_EQ(Outside->Sites.size(), 2u);
  EXPECT_EQ(Outside->Sites[0].Callee.Name, "takes");
  ASSERT_EQ(Outside->Sites[0].Args.size(), 1u);
  EXPECT_EQ(Outside->Sites[0].Args[0].Name, "s");
  EXPECT_EQ(Outside->Sites[1].Callee.Name, "elsewhere");
  EXPECT_EQ(Outside->Sites[1].St.Default, "entry");
  ASSERT_EQ(Outside->ReturnsFrom.size(), 1u);
  EXPECT_EQ(Outside->ReturnsFrom[0].Name, "elsewhere");
  EXPECT_TRUE(Outside->Visible);
  EXPECT_TRUE(Outside->UnknownCallers);

  // In the lambda given to run: the call's state is the lambda's entry; the
  // run hands the lambda on with the store in scope.
  const records::FunctionFacts *InScope = find(Facts, "in_scope");
  ASSERT_TRUE(InScope);
  ASSERT_EQ(InScope->Sites.size(), 1u);
  EXPECT_EQ(InScope->Sites[0].Kind, "run");
  EXPECT_TRUE(InScope->Sites[0].Inline);
  ASSERT_EQ(InScope->Sites[0].St.Stores.size(), 1u);
  EXPECT_EQ(InScope->Sites[0].St.Stores[0].Scopes, "in");

  ASSERT_EQ(Facts.KeptValues.size(), 1u);
  EXPECT_EQ(Facts.KeptValues[0].Target, "k");
  ASSERT_EQ(Facts.KeptValues[0].From.size(), 1u);
  EXPECT_EQ(Facts.KeptValues[0].From[0].Name, "elsewhere");
  ASSERT_EQ(Facts.Escapes.size(), 1u);
  EXPECT_EQ(Facts.Escapes[0].Name, "elsewhere");

  Facts.Inputs.push_back({"/src/file.cpp", 12, 1700000000, "0123abcd"});
  std::string Text = records::writeFacts(Facts);
  llvm::Expected<records::FactsFile> Read = records::readFacts(Text);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(*Read, Facts);
  EXPECT_EQ(records::writeFacts(*Read), Text);
}

TEST(SummaryRecords, RefuseAnotherFormatOrVersion) {
  Analysed A = analyse();
  std::string Text = records::writeFacts(A.Facts);
  std::string Newer = Text;
  Newer.replace(Newer.find("\"version\":2"), 11, "\"version\":3"); // written on one line
  llvm::Expected<records::FactsFile> Read = records::readFacts(Newer);
  ASSERT_FALSE(bool(Read));
  EXPECT_NE(llvm::toString(Read.takeError()).find("version 3"), std::string::npos);
  llvm::Expected<records::FactsFile> Broken = records::readFacts("{\"format\": \"asyncctx-facts\"}");
  EXPECT_FALSE(bool(Broken));
  llvm::consumeError(Broken.takeError());
  llvm::Expected<records::FactsFile> NotJson = records::readFacts("functions: []");
  EXPECT_FALSE(bool(NotJson));
  llvm::consumeError(NotJson.takeError());
}

TEST(SummaryRecords, ImportSetRoundTripAndRefusal) {
  records::ImportSet Set;
  records::ImportedFunction &Helper = Set.Functions.emplace_back();
  Helper.F = {"c:@F@use_claims#", "use_claims"};
  Helper.Effects.emplace_back();
  records::UsedElsewhere &Used = Set.Used.emplace_back();
  Used.F = {"c:@F@handle#", "handle"};
  Used.Called = Used.CallersKnown = true;
  std::string Text = records::writeImports(Set);
  llvm::Expected<records::ImportSet> Read = records::readImports(Text);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(*Read, Set);

  // Facts are not imports, nor the other way round.
  llvm::Expected<records::ImportSet> Facts = records::readImports(records::writeFacts({}));
  ASSERT_FALSE(bool(Facts));
  EXPECT_NE(llvm::toString(Facts.takeError()).find("imports of format 'asyncctx-facts'"),
            std::string::npos);
  llvm::Expected<records::FactsFile> Imports = records::readFacts(Text);
  ASSERT_FALSE(bool(Imports));
  EXPECT_NE(llvm::toString(Imports.takeError()).find("facts of format 'asyncctx-imports'"),
            std::string::npos);
}

} // namespace
