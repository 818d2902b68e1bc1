# Interrupt-controller drivers (found through the device tree).  Included by
# the architectures that carry them (arch/aarch64/CMakeLists.txt).
ringel_kernel_sources(
  ${CMAKE_CURRENT_LIST_DIR}/irqchip.c
  ${CMAKE_CURRENT_LIST_DIR}/gicv2.c
  ${CMAKE_CURRENT_LIST_DIR}/gicv3.c
  ${CMAKE_CURRENT_LIST_DIR}/bcm2836_local.c
  ${CMAKE_CURRENT_LIST_DIR}/bcm2835_intc.c
)
if(NOT RINGEL_HOST)
  target_include_directories(kobjs PRIVATE ${CMAKE_CURRENT_LIST_DIR}/include)
endif()
