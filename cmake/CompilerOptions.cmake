# Determinism: no fused multiply-add contraction, never fast-math, so the same operations in
# the same order give the same bits on every code path and thread count.
add_library(defsim_options INTERFACE)
target_compile_options(defsim_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion
  -ffp-contract=off -fno-fast-math)
# GCC 12 reports false -Wrestrict overlaps inside std::string at -O3 (GCC PR 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(defsim_options INTERFACE -Wno-restrict)
endif()
if(DEFSIM_WERROR)
  target_compile_options(defsim_options INTERFACE -Werror)
endif()
if(DEFSIM_CHECKED)
  target_compile_definitions(defsim_options INTERFACE DEFSIM_CHECKED=1)
endif()
if(DEFSIM_SANITIZE)
  target_compile_options(defsim_options INTERFACE -fsanitize=${DEFSIM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(defsim_options INTERFACE -fsanitize=${DEFSIM_SANITIZE})
endif()
