//===--- RunRewrite.cpp - asyncctx-tidy -----------------------------------===//
//
// The edits of the rewrite into RUN, once utils/RewriteSafety has found what
// it wraps. They keep the user's text: the callee's name becomes the RUN
// member's, `);` becomes `, [&] {`, each wrapped line gets one more indent
// unit (never inside a string literal), and `});` closes the lambda after
// the last wrapped statement.
//
//===----------------------------------------------------------------------===//

#include "RunRewrite.h"
#include "RewriteSafety.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::asyncctx {
namespace {

/// The whitespace that starts the line of \p Loc.
llvm::StringRef lineIndent(SourceLocation Loc, const SourceManager &SM) {
  std::pair<FileID, unsigned> Decomposed = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  llvm::StringRef Buffer = SM.getBufferData(Decomposed.first);
  size_t LineStart = Buffer.rfind('\n', Decomposed.second);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Line = Buffer.substr(LineStart, Decomposed.second - LineStart);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; });
}


/// `s.enter_with(v);` becomes `s.run(v, [&] {` (with `return ` before it in
/// the return form).
void openLambda(const RewritePlan &Plan, const SourceManager &SM, const LangOptions &LO,
                std::vector<FixItHint> &Edits) {
  const CallExpr *Call = Plan.Call;
  SourceLocation NameLoc;
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(Callee))
    NameLoc = ME->getMemberLoc();
  else if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
    NameLoc = DRE->getLocation();
  if (Plan.ReturnForm)
    Edits.push_back(FixItHint::CreateInsertion(
        Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Call->getSourceRange()), SM, LO)
            .getBegin(),
        "return "));
  Edits.push_back(FixItHint::CreateReplacement(CharSourceRange::getTokenRange(NameLoc, NameLoc),
                                               Plan.RunMember->getName()));
  Edits.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Call->getRParenLoc(), Plan.RegionBegin),
      ", " + Plan.LambdaIntro + " {"));
}

/// One more indent unit (\p Unit) on every wrapped line, never inside a
/// string literal; a preprocessor directive written at the line's start
/// stays there.
void indentWrapped(const RewritePlan &Plan, llvm::StringRef Unit, const SourceManager &SM,
                   const LangOptions &LO, std::vector<FixItHint> &Edits) {
  std::pair<FileID, unsigned> Begin = SM.getDecomposedLoc(Plan.RegionBegin);
  unsigned EndOffset = SM.getFileOffset(Plan.RegionEnd);
  llvm::StringRef Buffer = SM.getBufferData(Begin.first);
  llvm::SmallVector<std::pair<unsigned, unsigned>, 4> Protected;
  Lexer Raw(SM.getLocForStartOfFile(Begin.first), LO, Buffer.begin(),
            Buffer.begin() + Begin.second, Buffer.end());
  Token Tok;
  while (!Raw.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < EndOffset) {
    if (tok::isStringLiteral(Tok.getKind())) {
      unsigned Start = SM.getFileOffset(Tok.getLocation());
      Protected.emplace_back(Start, Start + Tok.getLength());
    }
  }
  for (unsigned Offset = Begin.second; Offset < EndOffset; ++Offset) {
    if (Buffer[Offset] != '\n')
      continue;
    bool InLiteral = llvm::any_of(Protected, [&](const auto &P) {
      return P.first <= Offset && Offset < P.second;
    });
    size_t LineEnd = Buffer.find('\n', Offset + 1);
    llvm::StringRef Line = Buffer.slice(Offset + 1, std::min<size_t>(LineEnd, Buffer.size()));
    if (!InLiteral && !Line.trim().empty() && !Line.starts_with("#"))
      Edits.push_back(FixItHint::CreateInsertion(
          SM.getLocForStartOfFile(Begin.first).getLocWithOffset(Offset + 1), Unit));
  }
}

/// `});` closes the lambda: after the last wrapped statement (and a line
/// comment that ends its line), or in the place of the DISABLE that bounded
/// the wrapped statements.
void closeLambda(const RewritePlan &Plan, llvm::StringRef Base, const SourceManager &SM,
                 const LangOptions &LO, std::vector<FixItHint> &Edits) {
  FileID File = SM.getFileID(Plan.RegionEnd);
  SourceLocation FileStart = SM.getLocForStartOfFile(File);
  llvm::StringRef Buffer = SM.getBufferData(File);
  unsigned EndOffset = SM.getFileOffset(Plan.RegionEnd);
  std::string Close = "\n" + Base.str() + "});";
  if (!Plan.Disable) {
    SourceLocation CloseAt = Plan.RegionEnd;
    size_t EndOfLine = Buffer.find('\n', EndOffset);
    if (EndOfLine != llvm::StringRef::npos &&
        Buffer.slice(EndOffset, EndOfLine).ltrim().starts_with("//"))
      CloseAt = FileStart.getLocWithOffset(EndOfLine);
    Edits.push_back(FixItHint::CreateInsertion(CloseAt, Close));
    return;
  }
  // What stood between the last statement and the DISABLE (comments) stays
  // after it. One replacement, not an insertion and a removal: clang widens
  // a bare removal that leaves two whitespace characters side by side.
  const Stmt *Disable = Plan.Disable;
  unsigned DisableBegin = SM.getFileOffset(
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Disable->getSourceRange()), SM, LO)
          .getBegin());
  unsigned DisableEnd = SM.getFileOffset(statementEnd(Disable, SM, LO));
  llvm::StringRef Between = Buffer.slice(EndOffset, DisableBegin).rtrim(" \t");
  Between.consume_back("\n");
  Edits.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Plan.RegionEnd, FileStart.getLocWithOffset(DisableEnd)),
      Close + Between.str()));
}

std::vector<FixItHint> buildEdits(const RewritePlan &Plan, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // The indent unit is what the call's line adds to its block's.
  llvm::StringRef Base = lineIndent(Plan.Call->getBeginLoc(), SM);
  llvm::StringRef Outer = lineIndent(Plan.Block->getLBracLoc(), SM);
  std::string Unit = "  ";
  if (Base.size() > Outer.size() && Base.starts_with(Outer))
    Unit = Base.drop_front(Outer.size()).str();
  else if (Base.contains('\t'))
    Unit = "\t";
  std::vector<FixItHint> Edits;
  openLambda(Plan, SM, LO, Edits);
  indentWrapped(Plan, Unit, SM, LO, Edits);
  closeLambda(Plan, Base, SM, LO, Edits);
  return Edits;
}

} // namespace

RunRewrite planRunRewrite(const EnterWithFact &Fact, ASTContext &Ctx, RunRewriteCache &Cache) {
  RewritePlan Plan;
  RunRewrite Result = checkRunRewrite(Fact, Ctx, Cache, Plan);
  if (!Result.refused())
    Result.Edits = buildEdits(Plan, Ctx);
  return Result;
}

std::vector<FixItHint> bindWrapEdits(const Expr *Callable, llvm::StringRef Store,
                                     const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Range = Callable->getSourceRange();
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID() ||
      !SM.isWrittenInSameFile(Range.getBegin(), Range.getEnd()))
    return {};
  return {FixItHint::CreateInsertion(Range.getBegin(), (Store + ".bind(").str()),
          FixItHint::CreateInsertion(
              Lexer::getLocForEndOfToken(Range.getEnd(), 0, SM, Ctx.getLangOpts()), ")")};
}

} // namespace clang::tidy::asyncctx
