#pragma once
// The mutable per-run State: one per replication, owned by the thread that runs it.
// Struct-of-arrays; each column's comment gives unit and shape. "today" columns are flows
// of the current day, overwritten every day; stocks carry over.
#include <cstdint>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/model.hpp"

namespace defsim {

struct PlantState {
  std::vector<double> availability;       // (plants) current capacity multiplier (event param)
  std::vector<double> backlog;            // (plants) B, units ordered from the plant, not yet made
  std::vector<double> pending_orders;     // (plants) units other plants ordered today, booked tomorrow
  std::vector<double> orders_received;    // (plants) units/day booked into the backlog today
  std::vector<double> expected_orders;    // (plants) ô, smoothed orders, units/day
  std::vector<double> demand_target;      // (plants) Y_dem, units/day
  std::vector<double> planned_output;     // (plants) Ŷ, smoothed plan, units/day
  std::vector<double> capacity;           // (plants) Y_KL × availability, units/day
  std::vector<double> output;             // (plants) Y, units/day
  std::vector<std::int32_t> binding;      // (plants) kBinding* code of today's constraint
  std::vector<double> order_split;        // (plants) share of its good's orders it receives
  std::vector<double> experienced;        // (plants) E, workers
  std::vector<double> trainees;           // (plants) T, workers
  std::vector<double> desired_workforce;  // (plants) N*, workers
  std::vector<double> vacancies;          // (plants) workers sought today
  std::vector<double> hires;              // (plants) workers/day
  std::vector<double> quits;              // (plants) workers/day
  std::vector<double> layoffs;            // (plants) workers/day
  std::vector<double> wage;               // (plants) w_i, wage units per worker-month
  std::vector<double> hours;              // (plants) H_i, hours/week
  std::vector<double> unfilled;           // (plants) vacancies left unfilled today, workers
  std::vector<double> drafted;            // (plants) workers mobilised today
  std::vector<double> desired_capital;    // (plants) K*, machine tools
  std::vector<double> capital;            // (plants x origins) K_{i,o}, machine tools in use
  std::vector<double> health;             // (plants x origins) h_{i,o} in [0,1]: share of tools working
  std::vector<double> installing;         // (plants x origins) tools arrived and being installed
  std::vector<double> installed;          // (plants x origins) tools that went into use today
  std::vector<double> depreciation;       // (plants) tools/day lost today
};

struct SlotState {
  std::vector<double> stock;        // (slots) S, units held (capital slots: unused, 0)
  std::vector<double> outstanding;  // (slots) P, units ordered and not yet received or cancelled
  std::vector<double> ordered;      // (slots) units ordered today
  std::vector<double> received;     // (slots) units received today
  std::vector<double> consumed;     // (slots) units used in production today
  std::vector<double> cancelled;    // (slots) units of its orders lost, bounced or rejected today
  std::vector<double> ordered_smoothed;    // (slots) units/day, orders smoothed over the planning time
  std::vector<double> received_smoothed;   // (slots) units/day, receipts smoothed likewise
};

struct RouteState {
  // Current values of event-addressable parameters.
  std::vector<double> capacity;         // (routes) units/day
  std::vector<double> markup;           // (routes) share of base price
  std::vector<double> lead_time_days;   // (routes) days
  std::vector<double> jitter_days;      // (routes) days
  std::vector<double> interdiction;     // (routes) probability
  std::vector<double> payment_failure;  // (routes) probability
  std::vector<double> weight;           // (routes) preference weight
  // Today's flows.
  std::vector<double> ordered;          // (routes) units accepted today
  std::vector<double> failed;           // (routes) units whose payment bounced today
  std::vector<double> shipped;          // (routes) units shipped today
  std::vector<double> arrived;          // (routes) units that reached the border today (incl. seized)
  std::vector<double> interdicted;      // (routes) units seized today
  std::vector<double> effective_capacity;  // (routes) units/day after adaptation: min(C_max, C·(1 + expansion))
  std::vector<double> expansion;        // (routes) a_s ≥ 0: capacity grown by adaptation, share of C
  std::vector<double> utilisation;      // (routes) accepted / effective capacity, yesterday's drives the markup
  std::vector<double> markup_paid;      // (routes) m_0 + m_1·u^k, share of base price
  std::vector<double> max_capacity;     // (routes) C_max (event param)
  std::vector<double> adaptation;       // (routes) ρ_s (event param)
  std::vector<double> markup_slope;     // (routes) m_1 (event param)
  std::vector<double> price_usd;        // (routes) USD per unit paid today
  std::vector<double> bill_usd;         // (routes) USD paid today (shipped × price)
  // In transit: ring of arrival days, (routes x ring_days); slot (day mod ring_days).
  std::vector<double> in_transit_ring;
  std::vector<double> in_transit;       // (routes) units in transit
  // Cumulative totals for the route identities.
  std::vector<double> cum_ordered, cum_failed, cum_shipped, cum_arrived, cum_interdicted;  // (routes)
};

struct GoodState {
  std::vector<double> demand_scale;     // (goods) multiplier on the order schedule (event param)
  std::vector<double> domestic_share;   // (goods) current
  std::vector<double> availability;     // (goods) services: current a
  std::vector<double> unit_value_usd;   // (goods) current base price
  std::vector<double> state_orders;     // (goods) final: units/day the state ordered today
  std::vector<double> deliveries;       // (goods) final: units/day delivered today
  std::vector<double> effective_deliveries;  // (goods) final: deliveries scaled by service availability
  std::vector<double> backlog;          // (goods) final: units ordered by the state, not yet delivered
  std::vector<double> production;       // (goods) units/day made by domestic plants
  std::vector<double> orders;           // (goods) units/day ordered by plants (all sources)
  std::vector<double> import_orders;    // (goods) units/day offered to import routes
  std::vector<double> rejected;         // (goods) units/day no route accepted
  std::vector<double> spilled_to_domestic;  // (goods) units/day of rejected orders sent to domestic plants
  std::vector<double> received;         // (goods) units/day received by plants
  std::vector<double> consumed;         // (goods) units/day used in production
  std::vector<double> lost;             // (goods) units/day seized
  std::vector<double> unallocated;      // (goods) units/day delivered with no outstanding order (written off)
  std::vector<double> import_bill_usd;  // (goods) USD/day
  std::vector<double> stock;            // (goods) units held by plants (inputs and substitutes)
  std::vector<double> position;         // (goods) stock + in transit at the end of the day, for the stock identity
  std::vector<double> retry_pool;       // (goods) units of bounced orders waiting to be re-placed
  std::vector<double> retried;          // (goods) units/day re-placed from the pool
  std::vector<double> price_index;      // (goods) smoothed average unit price paid, USD
};

struct RegionState {
  std::vector<double> labour_force;     // (regions) workers
  std::vector<double> available;        // (regions) U_r, workers
  std::vector<double> employed;         // (regions) workers in the region's plants
  std::vector<double> pool;             // (regions) available + employed + mobilised, less net emigration: conserved
  std::vector<double> civilian_wage;    // (regions) w^c_r
  std::vector<double> matches;          // (regions) workers/day hired
  std::vector<double> mobilised;        // (regions) workers in the army from this region
  std::vector<double> mobilised_share;  // (regions) event param: target share of the eligible pool mobilised
  std::vector<double> emigration;       // (regions) event param: share of available workers leaving per day
  std::vector<double> inflow;           // (regions) event param: workers/day arriving (migrants, prison labour)
};

struct RngKey {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
};

// Working memory of the phases, sized once by make_initial_state so that simulating a day
// never allocates. Meaningless between phases; not part of the state hash or the output.
struct DayScratch {
  std::vector<double> partial;    // keyed_sums partial sums (chunks x keys x values), core/exec.hpp
  std::vector<double> by_good;    // (goods x 4) sums per good
  std::vector<double> good_factor;  // (goods x 4) per-good results a row pass applies
  std::vector<double> by_region;  // (regions x 8) sums and results per region
};

struct State {
  Day day = 0;
  Index ring_days = 0;
  bool check_identities = false;
  RngKey rng;
  PlantState plants;
  SlotState slots;
  RouteState routes;
  GoodState goods;
  RegionState regions;
  // Phase 1 recomputes event-driven parameters only on days when an event starts, ends or
  // ramps, or after a day that clamped a lead time: the day they were last computed for,
  // and how many lead times were clamped then.
  Day events_computed_day = -1;
  std::uint64_t events_clamped = 0;
  std::vector<Index> route_scratch;     // (routes) per-good ordering buffer for route choice
  DayScratch scratch;
  Diagnostics diagnostics;
};

}  // namespace defsim
