"""The headless core: units, cadres, cycles, dossiers, deadlines, storage. No Qt here."""
