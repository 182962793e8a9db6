"""The built-in plugins: Swedish, deep tissue and chair massage, self-massage at home, the
conditions and the endangerment sites of domain.md, and the general preparation and aftercare
(``advice``), each registered through an entry point as a third-party plugin would be."""
