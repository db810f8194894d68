"""The sandbox REST engine: JTL's OpenAPI descriptions, served operation by operation."""
