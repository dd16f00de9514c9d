/** "CustomerAccount", "VEHICLE_GROUP" or "api_key" → "customer account", "vehicle group", "api key". */
export function kindLabel(type: string): string {
  return type
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
}

/** "EXPIRING" → "Expiring". */
export function enumLabel(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}
