# Host mode, x86-64 hosts only: the ACPI table walk (acpi.c) under libFuzzer.
# acpi.c includes x86.h (x86-64 inline assembly, never called here), so
# it compiles only for an x86-64 host; elsewhere ACPI is not fuzzed.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(acpi_dir ${PROJECT_SOURCE_DIR}/arch/x86_64)
set(acpi_seed_dir ${CMAKE_BINARY_DIR}/arch/x86_64/acpi-seeds)
set(acpi_seeds ${acpi_seed_dir}/acpi2-xsdt.bin ${acpi_seed_dir}/acpi1-rsdt.bin)
add_custom_command(OUTPUT ${acpi_seeds}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${acpi_seed_dir}
  COMMAND ${Python3_EXECUTABLE} ${acpi_dir}/acpi-seeds.py ${acpi_seed_dir}
  DEPENDS ${acpi_dir}/acpi-seeds.py VERBATIM)
add_custom_target(acpi_fuzz_seeds DEPENDS ${acpi_seeds})
ringel_fuzz_test(acpi_fuzz SOURCES ${acpi_dir}/acpi_fuzz.c ${acpi_dir}/acpi.c
                 SEEDS ${acpi_seeds} DEPENDS acpi_fuzz_seeds)
