/** The family-plan pages the router mounts; the parts live in PlanView, PlanEditor(Lists), PlanCompare and PlanSection. */
export { ComparePage } from './PlanCompare';
export { PlanPage } from './PlanView';
