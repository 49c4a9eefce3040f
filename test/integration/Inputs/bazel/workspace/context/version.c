/* C, linted with --conlyopt and not --cxxopt (-std=c++17 would be an error). */
const char *shop_version(void) { return "1.0"; }
