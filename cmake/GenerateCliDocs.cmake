# Writes newsarc's man page and shell completions by running the built binary, which generates
# them from its own command-line definitions (cli/cli_docs.h):
#   cmake -DNEWSARC=build/release/newsarc -DOUT_DIR=build/release/docs -P GenerateCliDocs.cmake
# Each file is written whole or not at all. In a sanitizer build the leak check is off: it
# needs ptrace, which containers often deny, and a report would fail the build, not a test.
if(NOT NEWSARC OR NOT OUT_DIR)
  message(FATAL_ERROR "usage: cmake -DNEWSARC=BINARY -DOUT_DIR=DIR -P GenerateCliDocs.cmake")
endif()
if("$ENV{ASAN_OPTIONS}" STREQUAL "")
  set(ENV{ASAN_OPTIONS} "detect_leaks=0")
else()
  set(ENV{ASAN_OPTIONS} "$ENV{ASAN_OPTIONS}:detect_leaks=0")
endif()
file(MAKE_DIRECTORY "${OUT_DIR}")
foreach(output_and_args IN ITEMS "newsarc.1 manpage" "newsarc.bash completion bash"
                                 "_newsarc completion zsh")
  separate_arguments(parts UNIX_COMMAND "${output_and_args}")
  list(POP_FRONT parts output)
  execute_process(COMMAND "${NEWSARC}" ${parts}
    OUTPUT_FILE "${OUT_DIR}/${output}.tmp"
    ERROR_VARIABLE errors
    RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    file(REMOVE "${OUT_DIR}/${output}.tmp")
    message(FATAL_ERROR "`${NEWSARC} ${parts}` failed (${result}): ${errors}")
  endif()
  file(RENAME "${OUT_DIR}/${output}.tmp" "${OUT_DIR}/${output}")
endforeach()
