//===--- RunRewriteTest.cpp - asyncctx-tidy -------------------------------===//
//
// The rewrite planner on its own: the edits it plans, applied as they are
// (without clang-tidy's diagnostic machinery), and the reasons it refuses.
//
//===----------------------------------------------------------------------===//

#include "EnterWithCheck.h"
#include "utils/AnalysisContext.h"
#include "utils/RoleConfig.h"
#include "utils/RunRewrite.h"
#include "utils/ScopeAnalysis.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::tidy::asyncctx;

namespace {

const char Preamble[] = R"cpp(
#define A(role) [[clang::annotate("asyncctx::" role)]]
template <class T> class A("store") store {
public:
  template <class F> A("run") decltype(auto) run(T v, F &&fn) { return fn(); }
  A("enter_with") void enter_with(T v) {}
  A("disable") void disable() {}
};
store<int> s, t;
void work();
int value();
)cpp";

struct Outcome {
  std::string Code;    // the code after the edits, from the first line after the preamble
  std::string Blocked; // the reason, when there is no rewrite
  bool ReachesFunctionEnd = false;
  bool EndsAtDisable = false;
};

/// Plans the rewrite of the first ENTER_WITH call in \p Source, from the
/// fact the analysis finds for it.
Outcome rewrite(llvm::StringRef Source, std::vector<std::string> Args = {"-std=c++17"}) {
  std::string Code = std::string(Preamble) + Source.str();
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(Code, Args, "input.cpp");
  EXPECT_TRUE(AST);
  EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred()) << "the input does not compile";
  ASTContext &Ctx = AST->getASTContext();
  std::vector<std::string> Errors;
  std::shared_ptr<const RoleConfig> Config = RoleConfig::get({}, Errors);
  AnalysisContext Context(Ctx, *Config);
  ScopeFacts Facts = analyseScopes(Context, {}).Facts;
  EXPECT_FALSE(Facts.EnterWiths.empty());
  const EnterWithFact *First = &Facts.EnterWiths.front();
  for (const EnterWithFact &Fact : Facts.EnterWiths)
    if (Ctx.getSourceManager().isBeforeInTranslationUnit(Fact.Call->getExprLoc(),
                                                         First->Call->getExprLoc()))
      First = &Fact;
  RunRewriteCache Cache(Context.Roles);
  RunRewrite Plan = planRunRewrite(*First, Ctx, Cache);

  Outcome Result;
  Result.Blocked = describeRefusal(Plan.Refusal, Plan);
  Result.ReachesFunctionEnd = Plan.ReachesFunctionEnd;
  Result.EndsAtDisable = Plan.EndsAtDisable;
  tooling::Replacements Replaces;
  for (const FixItHint &Hint : Plan.Edits) {
    llvm::Error Err = Replaces.add(tooling::Replacement(Ctx.getSourceManager(), Hint.RemoveRange,
                                                        Hint.CodeToInsert, Ctx.getLangOpts()));
    EXPECT_FALSE(bool(Err)) << llvm::toString(std::move(Err));
  }
  llvm::Expected<std::string> Fixed = tooling::applyAllReplacements(Code, Replaces);
  EXPECT_TRUE(bool(Fixed));
  Result.Code = Fixed ? Fixed->substr(sizeof(Preamble) - 1) : "";
  return Result;
}

TEST(RunRewrite, WrapsTheRestOfTheFunctionBody) {
  Outcome R = rewrite(R"cpp(
void f() {
  work();
  s.enter_with(1);
  work();
  work();
}
)cpp");
  EXPECT_EQ(R.Blocked, "");
  EXPECT_TRUE(R.ReachesFunctionEnd);
  EXPECT_FALSE(R.EndsAtDisable);
  EXPECT_EQ(R.Code, R"cpp(
void f() {
  work();
  s.run(1, [&] {
    work();
    work();
  });
}
)cpp");
}

TEST(RunRewrite, DisableBoundsTheStatementsAndGoes) {
  Outcome R = rewrite(R"cpp(
void f() {
  s.enter_with(1);
  work();
  t.disable();
  // cleared next
  s.disable();
  work();
}
)cpp");
  EXPECT_EQ(R.Blocked, "");
  EXPECT_FALSE(R.ReachesFunctionEnd);
  EXPECT_TRUE(R.EndsAtDisable);
  EXPECT_EQ(R.Code, R"cpp(
void f() {
  s.run(1, [&] {
    work();
    t.disable();
  });
  // cleared next
  work();
}
)cpp");
}

TEST(RunRewrite, ReturnsRunsResultWithTheWrittenType) {
  Outcome R = rewrite(R"cpp(
using Answer = int;
Answer f() {
  s.enter_with(1);
  if (value())
    return 1;
  return value();
}
)cpp");
  EXPECT_EQ(R.Blocked, "");
  EXPECT_EQ(R.Code, R"cpp(
using Answer = int;
Answer f() {
  return s.run(1, [&]() -> Answer {
    if (value())
      return 1;
    return value();
  });
}
)cpp");
}

TEST(RunRewrite, KeepsTabsStringLiteralsAndTrailingComments) {
  Outcome R = rewrite("\nvoid log(const char *);\nvoid f() {\n\ts.enter_with(1);\n"
                      "\tlog(R\"(a\nb)\"); // last\n}\n");
  EXPECT_EQ(R.Blocked, "");
  EXPECT_EQ(R.Code, "\nvoid log(const char *);\nvoid f() {\n\ts.run(1, [&] {\n"
                    "\t\tlog(R\"(a\nb)\"); // last\n\t});\n}\n");
}

TEST(RunRewrite, KeepsACaseLabelOutside) {
  Outcome R = rewrite(R"cpp(
void f(int k) {
  switch (k) {
  case 1: {
    work();
  }
  default:
    s.enter_with(1);
    work();
  }
}
)cpp");
  EXPECT_EQ(R.Blocked, "");
  EXPECT_EQ(R.Code, R"cpp(
void f(int k) {
  switch (k) {
  case 1: {
    work();
  }
  default:
    s.run(1, [&] {
      work();
    });
  }
}
)cpp");
}

TEST(RunRewrite, RefusesWhatALambdaWouldChange) {
  EXPECT_EQ(rewrite("void f() { for (;;) { s.enter_with(1); break; } }").Blocked,
            "'break' would leave the lambda that 'run' calls");
  EXPECT_EQ(rewrite("void f() { { s.enter_with(1); return; } work(); }").Blocked,
            "'return' would return from the lambda that 'run' calls, not from 'f'");
  EXPECT_EQ(rewrite("void f() { s.enter_with(1); t.enter_with(2); work(); }").Blocked,
            "the statements it would wrap contain another 'enter_with'; rewrite these calls by hand");
  EXPECT_EQ(rewrite("void f() { work(); s.enter_with(1); }").Blocked,
            "nothing follows it in its block; use 'run' around the code that needs the value");
  EXPECT_EQ(rewrite("void f() { s.enter_with(1); int n = value(); s.disable(); n++; }").Blocked,
            "'n' is declared in the statements it would wrap and used after the 'disable'");
  EXPECT_EQ(rewrite("struct P { int a, b; }; P g();\n"
                    "void f() { auto [a, b] = g(); s.enter_with(1); (void)(a + b); }",
                    {"-std=c++17"})
                .Blocked.substr(0, 20),
            "structured binding '");
}

} // namespace
