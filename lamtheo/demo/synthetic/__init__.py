"""Seeded synthetic data for benchmarks: a bloc, a province or the whole country in one load.

The demo (``lamtheo.demo``) builds one believable Bloc through the models; this package builds up to
five million people straight into the tables, fast enough that the country size is practical. Every
value is drawn from ``random.Random`` instances seeded from ``--seed``, so one seed always gives the
same rows. ``loader.synth_load`` runs the phases; ``sizes.SIZES`` says how big each size is.
"""
