// Both model compilers (YAML and generated) must fill every column of every table; the
// shape check names the column that one of them forgot instead of letting a phase read
// past its end.
#include "core/model_shape.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

std::string shape_error(const Model& m) {
  try {
    check_model_shape(m);
  } catch (const std::logic_error& e) {
    return e.what();
  }
  return "";
}

TEST(ModelShape, CompiledModelsPass) {
  EXPECT_EQ(shape_error(testing::compile_text(testing::tiny_scenario())), "");
  const Model generated = compile_scenario_text(
      "name: gen\nstart: 2024-01-01\ndays: 30\nmodel:\n  generate: {plants: 200}\n", {}, "gen.yaml");
  EXPECT_EQ(shape_error(generated), "");
}

TEST(ModelShape, AShortRouteColumnIsNamed) {
  Model m = testing::compile_text(testing::tiny_scenario());
  m.routes.markup_adjustment_days.pop_back();
  const size_t routes = m.routes.name.size();
  EXPECT_EQ(shape_error(m), "internal error: compiled model table 'routes': markup_adjustment_days has " +
                                std::to_string(routes - 1) + " entries, expected " + std::to_string(routes) +
                                " (a bug in the model compiler, please report it)");
}

TEST(ModelShape, ACompressedRowIndexThatDisagreesWithItsItemsIsNamed) {
  Model m = testing::compile_text(testing::tiny_scenario());
  m.goods.customer_slots.items.push_back(0);
  const std::string error = shape_error(m);
  EXPECT_NE(error.find("table 'goods': customer_slots ends at"), std::string::npos) << error;
}

TEST(ModelShape, AnExtraPlantRowIsNamed) {
  Model m = testing::compile_text(testing::tiny_scenario());
  m.plants.ces_sigma.push_back(0.5);
  const std::string error = shape_error(m);
  EXPECT_NE(error.find("table 'plants': ces_sigma has"), std::string::npos) << error;
}

}  // namespace
}  // namespace defsim
