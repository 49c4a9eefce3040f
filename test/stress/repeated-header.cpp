// One header included 40 times (each time in its own namespace): every
// function is analysed once and none is reported.
//
// RUN: %check_asyncctx -I %S/Inputs %s 'asyncctx-*' %t

#include "mock_store.h"

mock::store<Claims> claims_storage;
void use(Claims *c);

#define REPEATED_NS copy0
#include "repeated.h"
#define REPEATED_NS copy1
#include "repeated.h"
#define REPEATED_NS copy2
#include "repeated.h"
#define REPEATED_NS copy3
#include "repeated.h"
#define REPEATED_NS copy4
#include "repeated.h"
#define REPEATED_NS copy5
#include "repeated.h"
#define REPEATED_NS copy6
#include "repeated.h"
#define REPEATED_NS copy7
#include "repeated.h"
#define REPEATED_NS copy8
#include "repeated.h"
#define REPEATED_NS copy9
#include "repeated.h"
#define REPEATED_NS copy10
#include "repeated.h"
#define REPEATED_NS copy11
#include "repeated.h"
#define REPEATED_NS copy12
#include "repeated.h"
#define REPEATED_NS copy13
#include "repeated.h"
#define REPEATED_NS copy14
#include "repeated.h"
#define REPEATED_NS copy15
#include "repeated.h"
#define REPEATED_NS copy16
#include "repeated.h"
#define REPEATED_NS copy17
#include "repeated.h"
#define REPEATED_NS copy18
#include "repeated.h"
#define REPEATED_NS copy19
#include "repeated.h"
#define REPEATED_NS copy20
#include "repeated.h"
#define REPEATED_NS copy21
#include "repeated.h"
#define REPEATED_NS copy22
#include "repeated.h"
#define REPEATED_NS copy23
#include "repeated.h"
#define REPEATED_NS copy24
#include "repeated.h"
#define REPEATED_NS copy25
#include "repeated.h"
#define REPEATED_NS copy26
#include "repeated.h"
#define REPEATED_NS copy27
#include "repeated.h"
#define REPEATED_NS copy28
#include "repeated.h"
#define REPEATED_NS copy29
#include "repeated.h"
#define REPEATED_NS copy30
#include "repeated.h"
#define REPEATED_NS copy31
#include "repeated.h"
#define REPEATED_NS copy32
#include "repeated.h"
#define REPEATED_NS copy33
#include "repeated.h"
#define REPEATED_NS copy34
#include "repeated.h"
#define REPEATED_NS copy35
#include "repeated.h"
#define REPEATED_NS copy36
#include "repeated.h"
#define REPEATED_NS copy37
#include "repeated.h"
#define REPEATED_NS copy38
#include "repeated.h"
#define REPEATED_NS copy39
#include "repeated.h"

ASYNCCTX_INVOCATION void entry(Claims c) {
  copy0::read_scoped(c);
  copy1::read_scoped(c);
  copy2::read_scoped(c);
  copy3::read_scoped(c);
  copy4::read_scoped(c);
  copy5::read_scoped(c);
  copy6::read_scoped(c);
  copy7::read_scoped(c);
  copy8::read_scoped(c);
  copy9::read_scoped(c);
  copy10::read_scoped(c);
  copy11::read_scoped(c);
  copy12::read_scoped(c);
  copy13::read_scoped(c);
  copy14::read_scoped(c);
  copy15::read_scoped(c);
  copy16::read_scoped(c);
  copy17::read_scoped(c);
  copy18::read_scoped(c);
  copy19::read_scoped(c);
  copy20::read_scoped(c);
  copy21::read_scoped(c);
  copy22::read_scoped(c);
  copy23::read_scoped(c);
  copy24::read_scoped(c);
  copy25::read_scoped(c);
  copy26::read_scoped(c);
  copy27::read_scoped(c);
  copy28::read_scoped(c);
  copy29::read_scoped(c);
  copy30::read_scoped(c);
  copy31::read_scoped(c);
  copy32::read_scoped(c);
  copy33::read_scoped(c);
  copy34::read_scoped(c);
  copy35::read_scoped(c);
  copy36::read_scoped(c);
  copy37::read_scoped(c);
  copy38::read_scoped(c);
  copy39::read_scoped(c);
}
