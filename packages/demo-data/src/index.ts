export * from "./enrollment";
export * from "./enrollment-registrations";
export * from "./national";
export * from "./payment";
export * from "./procurement";
export * from "./random";
export * from "./supervision";
export * from "./users";

/** The quarter range of the demo dataset. */
export const DEMO_FROM = "2021Q1";
export const DEMO_TO = "2024Q4";
