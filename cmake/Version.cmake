# The git commit goes into every output file's provenance. It is read at configure time
# and again at build time, so a rebuild after a commit records the new hash.
set(DEFSIM_VERSION_FILE ${CMAKE_BINARY_DIR}/generated/defsim_version.hpp)
add_custom_target(defsim_version_header
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUT=${DEFSIM_VERSION_FILE}
          -DVERSION=${PROJECT_VERSION} -P ${CMAKE_SOURCE_DIR}/cmake/WriteVersion.cmake
  BYPRODUCTS ${DEFSIM_VERSION_FILE}
  COMMENT "Recording git commit")
