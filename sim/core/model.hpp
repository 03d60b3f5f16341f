#pragma once
// The immutable Model: everything compiled from a model file plus a scenario, validated
// once by scenario/compile. Phases read it through `const Model&` and never re-validate.
// Tables are struct-of-arrays indexed by dense rows; each column's comment gives its unit
// and shape. Values that events may change at run time have a base here and a current
// value in State (see core/params.hpp for the addressable ones).
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/types.hpp"

namespace defsim {

// Compressed rows: members of row r are items[begin[r] .. begin[r+1]).
struct Csr {
  std::vector<Index> begin;  // (rows + 1)
  std::vector<Index> items;  // (nnz)
  Index size(Index row) const { return begin[row + 1] - begin[row]; }
  const Index* row_begin(Index row) const { return items.data() + begin[row]; }
  const Index* row_end(Index row) const { return items.data() + begin[row + 1]; }
};

struct GoodTable {
  std::vector<std::string> name;          // (goods)
  std::vector<GoodKind> kind;             // (goods)
  std::vector<std::string> unit;          // (goods) e.g. "shell", "thousand chips"
  std::vector<double> unit_value_usd;     // (goods) USD per unit, base import price p_g
  std::vector<double> domestic_share;     // (goods) base share of orders placed with domestic plants
  std::vector<std::uint8_t> spill_to_domestic;  // (goods) 1: import orders no route accepts go to domestic plants
  std::vector<double> availability;       // (goods) services only: base availability a in [0,1]
  std::vector<double> route_beta;         // (goods) logit sensitivity β_c to relative route cost
  std::vector<double> value_of_time;      // (goods) v_ℓ: cost of one day of lead time, share of price
  std::vector<double> value_of_risk;      // (goods) v_π: cost weight on interdiction probability
  std::vector<double> value_of_payment_risk;  // (goods) v_f: cost weight on payment-failure probability
  std::vector<double> payment_retry_days;  // (goods) τ_pay: bounced orders are re-placed after this mean delay (0 = cancelled)
  std::vector<Index> domestic_route;      // (goods) row in RouteTable of the domestic channel, or kNone
  Csr makers;                             // good -> plants that make it, ascending
  Csr import_routes;                      // good -> import routes (not the domestic channel), ascending
  Csr routes;                             // good -> all routes incl. the domestic channel, ascending
  Csr customer_slots;                     // good -> demand slots that order it, ascending
  Index size() const { return static_cast<Index>(name.size()); }
};

struct FinalDemand {
  struct Point {
    Day day;
    double units_per_day;
  };
  std::vector<std::vector<Point>> schedule;  // (goods) piecewise-linear order rate; empty if not final
  std::vector<Index> service;                // (goods) service good that scales effectiveness, or kNone
  std::vector<double> service_elasticity;    // (goods) ε_g in deliveries·(1 − ε(1 − a))
};

struct OriginTable {
  std::vector<std::string> name;                     // (origins) "domestic", "china", …
  std::vector<double> depreciation_per_day;          // (origins) δ_o, 1/day
  std::vector<Index> parts_good;                     // (origins) spare-parts good its tools need, or kNone
  std::vector<double> parts_per_tool_per_day;        // (origins) s_o, parts units per tool per day
  std::vector<double> health_decay_per_day;          // (origins) λ_o: health lost per day without parts
  std::vector<double> health_recovery_per_day;       // (origins) r_o: share of lost health regained per day with parts
  Index domestic = kNone;                            // row of "domestic"
  Index size() const { return static_cast<Index>(name.size()); }
};

struct RegionTable {
  std::vector<std::string> name;          // (regions)
  std::vector<double> labour_force;       // (regions) workers, N_r at start
  std::vector<double> available_workers;  // (regions) workers, U_r at start: unemployed or movable
  std::vector<double> civilian_wage;      // (regions) w^c_r at start, wage units per worker-month
  std::vector<double> matching_efficiency;  // (regions) μ_r, set by the steady state so matches replace quits
  std::vector<double> defense_wage_ref;   // (regions) employment-weighted mean plant wage at start
  Csr plants;                             // region -> plants located there
  Index size() const { return static_cast<Index>(name.size()); }
};

struct PlantTable {
  std::vector<std::string> name;          // (plants)
  std::vector<Index> good;                // (plants) good made
  std::vector<Index> region;              // (plants)
  // Capital–labour capacity, normalised CES around the reference point (K_ref, L_ref, Y_ref).
  std::vector<double> capacity_ref;       // (plants) Y_ref, units/day
  std::vector<double> labour_ref;         // (plants) L_ref, effective workers
  std::vector<double> capital_ref;        // (plants) K_ref, machine tools (health-weighted)
  std::vector<double> ces_alpha;          // (plants) capital weight α
  std::vector<double> ces_sigma;          // (plants) elasticity of substitution σ (0 = Leontief, 1 = Cobb–Douglas)
  std::vector<double> trainee_productivity;  // (plants) θ
  std::vector<double> headcount_per_effective;  // (plants) workers per effective worker at steady state
  std::vector<double> max_workers;        // (plants) floor-space cap on headcount, workers
  std::vector<double> min_workers;        // (plants) headcount kept even without orders (labour hoarding)
  std::vector<double> wage_ref;           // (plants) w_i at start, wage units per worker-month
  std::vector<double> target_utilisation; // (plants) u*: planned output / capacity the plant staffs for
  std::vector<double> order_book_days;    // (plants) n_B: normal backlog, days of orders
  std::vector<double> backlog_tau_days;   // (plants) τ_B: days to work off excess backlog
  std::vector<double> planning_tau_days;  // (plants) smoothing time of expected orders and plan
  std::vector<double> inventory_tau_days; // (plants) τ_inv: days to close an inventory gap
  std::vector<double> capital_tau_days;   // (plants) τ_K: days to close a capital gap
  std::vector<Index> capital_good;        // (plants) machine-tool good, or kNone
  std::vector<Index> capital_slot;        // (plants) slot row of the capital good, or kNone
  Csr slots;                              // plant -> its demand slots (inputs, substitutes, capital)
  Index size() const { return static_cast<Index>(name.size()); }
};

struct SlotTable {
  std::vector<Index> plant;               // (slots)
  std::vector<Index> good;                // (slots)
  std::vector<SlotKind> kind;             // (slots)
  std::vector<double> coefficient;        // (slots) a: units of the good per unit of output (substitutes: a_g/q)
  std::vector<double> criticality;        // (slots) φ in [0,1] (inputs only)
  std::vector<double> target_days;        // (slots) n: target inventory, days of use
  std::vector<double> cover_days;         // (slots) c: days of use kept on order (pipeline and loss allowance)
  std::vector<double> position_days;      // (slots) (S + P) / use in the steady state: a full position, in days
  std::vector<double> steady_fill;        // (slots) received / ordered in the steady state (1 − normal losses)
  std::vector<Index> primary;             // (slots) substitutes: the input slot they stand in for; else kNone
  std::vector<double> efficiency;         // (slots) substitutes: q in (0,1]; else 1
  std::vector<Index> origin;              // (slots) parts slots: the tool origin they serve; else kNone
  Csr substitutes;                        // input slot -> its substitute slots in preference order
  Index size() const { return static_cast<Index>(plant.size()); }
};

struct RouteTable {
  std::vector<std::string> name;          // (routes) "good/route", e.g. "microelectronics/china_direct"
  std::vector<std::string> short_name;    // (routes) "china_direct"; "domestic" for the domestic channel
  std::vector<Index> good;                // (routes)
  std::vector<Index> origin;              // (routes) row in OriginTable
  std::vector<std::string> corridor;      // (routes) "direct", "kazakhstan", … "domestic"
  std::vector<std::uint8_t> is_domestic;  // (routes) 1 for the domestic channel of a good
  std::vector<std::uint64_t> rng_id;      // (routes) stable id from the name: common random numbers
  // Base values of the event-addressable parameters (current values live in State).
  std::vector<double> capacity;           // (routes) C_s, units/day (domestic: unlimited)
  std::vector<double> markup;             // (routes) m_s, share of the base price
  std::vector<double> lead_time_days;     // (routes) ℓ_s, days >= 1
  std::vector<double> jitter_days;        // (routes) lead time varies uniformly in ±jitter, days
  std::vector<double> interdiction;       // (routes) π_s, probability a shipped unit is seized
  std::vector<double> payment_failure;    // (routes) f_s, probability an order's payment bounces
  std::vector<double> weight;             // (routes) w_s, preference weight in route choice
  std::vector<double> max_capacity;       // (routes) C_max, units/day: ceiling adaptation can reach
  std::vector<double> adaptation;         // (routes) ρ_s, 1/day: pace of growth toward C_max while saturated
  std::vector<double> markup_slope;       // (routes) m_1: markup added at full utilisation
  std::vector<double> markup_exponent;    // (routes) k in m_0 + m_1·u^k
  std::vector<double> markup_adjustment_days;  // (routes) τ_m >= 1: the markup paid closes 1/τ_m of its gap a day
  Index size() const { return static_cast<Index>(name.size()); }
};

// The regional labour markets (model spec §4).
struct LabourParams {
  double hire_rate = 1.0 / 30.0;    // γ_H, 1/day, share of a workforce shortfall posted as vacancies per day
  double fire_rate = 2.0 / 30.0;    // γ_F, 1/day, share of the excess laid off per day
  double quit_rate = 0.0003;        // q_0, 1/day, at equal defense and civilian wages
  double training_days = 90.0;      // τ_train, days
  double matching_elasticity = 0.5; // η in μ·U^η·V^(1−η)
  double quit_wage_sensitivity = 2.0;  // κ in q_0·exp(κ (w^c − w)/w)
  double hiring_wage_elasticity = 1.0; // ε: hires follow vacancies × (relative wage)^ε
  double wage_adjustment = 0.02;    // ψ: wage growth per day per unfilled vacancy per worker
  double wage_cap = 0.6;            // wages rise at most this share above their start level
  double civilian_spillover = 0.3;  // χ: civilian wages follow defense wages by this share
  double hours_normal = 40.0;       // H_0, hours/week
  double hours_max = 60.0;          // H_max, hours/week (12-hour shifts legal since July 2022)
  double overtime_elasticity = 0.5; // β in (H/H_0)^β
  double hours_adjustment_days = 30.0;  // τ_H, days
  double exempt_share = 0.8;        // share of defense workers exempt from mobilisation
};

// Machine-tool investment (model spec §5).
struct CapitalParams {
  double installation_days = 30.0;  // τ_install: mean days from arrival to use
  double price_smoothing_days = 90.0;  // smoothing of the tool price plants see
};

// Output declaration: which variables, at what frequency and precision.
enum class Frequency : std::uint8_t { day, week, month };
struct OutputSpec {
  Frequency frequency = Frequency::month;
  std::vector<std::string> variables;  // "group/name"; empty = all
  bool single_precision = false;
  int compression = 4;                 // gzip level 0..9
};

// A dated change to one parameter of one entity, resolved from a path at compile time.
enum class EventOp : std::uint8_t { set, scale, add };
struct CompiledEvent {
  Index target;        // row in Model::event_targets
  EventOp op;
  double value;
  Day start;           // first day it acts
  Day ramp_days;       // linear phase-in over this many days (0 = at once)
  Day end;             // first day it no longer acts (horizon if none)
  std::string label;   // original path, for messages and provenance
};

// One parameter cell that at least one event touches: current value = base ∘ active events.
enum class ParamKind : std::uint8_t {
  route_capacity, route_markup, route_lead_time, route_jitter, route_interdiction,
  route_payment_failure, route_weight, good_domestic_share, good_availability,
  good_unit_value, demand_scale, plant_availability, route_max_capacity, route_adaptation,
  route_markup_slope, region_mobilised_share, region_emigration, region_inflow
};
struct EventTarget {
  ParamKind kind;
  Index entity;
};

struct RunSettings {
  std::string scenario_name;
  std::string scenario_file;
  std::string model_file;         // where the model came from (the scenario itself if inline)
  std::string description;
  Calendar calendar;
  std::uint64_t seed = 1;
  int replications = 1;
  bool stochastic = true;
  Day max_lead_time_days = 365;   // size of the in-transit ring; longer lead times are clamped
  OutputSpec output;
  std::string resolved_yaml;      // the merged scenario + model, as the compiler saw it
  std::string scenario_hash;      // hex SHA-256-like digest of resolved_yaml (FNV-1a 64 ×2)
  std::string model_name;
};

// The steady state the run starts from (section 12 of the model spec).
struct InitialState {
  std::vector<double> output;             // (plants) x_i, units/day
  std::vector<double> experienced;        // (plants) E_i, workers
  std::vector<double> trainees;           // (plants) T_i, workers
  std::vector<double> capital;            // (plants x origins) K_{i,o}, tools
  std::vector<double> slot_stock;         // (slots) S, units
  std::vector<double> slot_outstanding;   // (slots) P, units ordered not yet received
  std::vector<double> slot_order_rate;    // (slots) steady orders, units/day
  std::vector<double> route_shipped_rate; // (routes) steady shipments, units/day
  std::vector<double> route_utilisation;  // (routes) steady accepted / capacity
  std::vector<double> retry_pool;         // (goods) steady orders waiting to be re-placed after a bounced payment
  std::vector<double> price_index;        // (goods) steady average unit price paid, USD
  std::vector<double> installing;         // (plants x origins) tools arrived, not yet in use
};

struct Model {
  GoodTable goods;
  FinalDemand demand;
  OriginTable origins;
  RegionTable regions;
  PlantTable plants;
  SlotTable slots;
  RouteTable routes;
  LabourParams labour;
  CapitalParams capital;
  std::vector<EventTarget> event_targets;
  std::vector<CompiledEvent> events;      // in declaration order; applied in that order
  RunSettings run;
  InitialState init;

  Index n_origins() const { return origins.size(); }
};

}  // namespace defsim
