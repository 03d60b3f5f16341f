#pragma once
// One simulated day is this list of phases, in this order (model spec §11). Each phase is
// a function of (const Model&, State&, const Exec&) and lives in its own file, whose head
// says what it reads and writes. Phases that loop over plants, regions or goods write only
// the rows they own, and totals across rows go through keyed_sums (core/exec.hpp), which
// adds in one fixed order, so results do not depend on the thread count.
#include "core/exec.hpp"
#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim {

void apply_events(const Model& model, State& state, const Exec& exec);      // 1 events.cpp
void book_orders(const Model& model, State& state, const Exec& exec);       // 2 order_book.cpp
void plan_production(const Model& model, State& state, const Exec& exec);   // 3 planning.cpp
void labour_market(const Model& model, State& state, const Exec& exec);     // 4 labour_market.cpp
void place_orders(const Model& model, State& state, const Exec& exec);      // 5 ordering.cpp
void supply(const Model& model, State& state, const Exec& exec);            // 6 supply.cpp
void receive_arrivals(const Model& model, State& state, const Exec& exec);  // 7 arrivals.cpp
void produce(const Model& model, State& state, const Exec& exec);           // 8 production.cpp
void update_capital(const Model& model, State& state, const Exec& exec);    // 9 capital.cpp
void account(const Model& model, State& state, const Exec& exec);           // 10 accounting.cpp

// The day as data, for the runner and for benchmarks that time each phase.
struct DayPhase {
  const char* name;
  void (*run)(const Model&, State&, const Exec&);
};
inline constexpr DayPhase kDayPhases[] = {
    {"events", apply_events},      {"order_book", book_orders}, {"planning", plan_production},
    {"labour_market", labour_market}, {"ordering", place_orders}, {"supply", supply},
    {"arrivals", receive_arrivals}, {"production", produce},     {"capital", update_capital},
    {"accounting", account},
};

// Runs phases 1..10 for state.day, then advances state.day.
void step_day(const Model& model, State& state, const Exec& exec);

// A State at the model's steady state, for one replication.
State make_initial_state(const Model& model, int replication);

}  // namespace defsim
