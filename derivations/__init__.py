"""The derivations of glassderive, one module per chain, registered on import.

==================================  ======================================  ===================================================
name                                module                                  source
==================================  ======================================  ===================================================
``gurarie-chalker``                 :mod:`.gurarie_chalker`                 Kumar, Procaccia, Singh (3)-(9)
``soft-potential-parameters``       :mod:`.soft_potential_parameters`       Il'in, Karpov, Parshin 1987 (1)-(6)
``sea-gull-dos``                    :mod:`.sea_gull_dos`                    Parshin, Schober, Gurevich 2007 (5.4)-(5.33)
``wkb-tunneling``                   :mod:`.wkb_tunneling`                   Parshin, Schober, Gurevich 2007 (4.1)-(4.13)
``random-forces``                   :mod:`.random_forces`                   Parshin, Schober, Gurevich 2007 (3.1)-(3.7)
``soft-potential-spectrum``         :mod:`.soft_potential_spectrum`         Il'in, Karpov, Parshin 1987 (7), (12)
``tls-tunneling-strength``          :mod:`.tls_tunneling_strength`          Parshin, Schober, Gurevich 2007 (4.14)-(4.33)
``vibrational-instability``         :mod:`.vibrational_instability`         Parshin, Schober, Gurevich 2007 (1.1), (2.2)-(2.24)
``rfot-mosaic``                     :mod:`.rfot_mosaic`                     Lubchenko, Wolynes 2007, Secs. II, III.A (1)-(14)
``tls-heat-capacity-time``          :mod:`.tls_heat_capacity_time`          Lubchenko, Wolynes 2007, Sec. III.C (21)-(28)
``phonon-scattering-universality``  :mod:`.phonon_scattering_universality`  Lubchenko, Wolynes 2007, Sec. III.B (15)-(20)
``holtsmark-width``                 :mod:`.holtsmark_width`                 Parshin, Schober, Gurevich 2007 (2.17)-(2.24)
``soft-well-tls``                   :mod:`.soft_well_tls`                   Il'in, Karpov, Parshin 1987 (8)-(13), Fig. 2
``quasi-localized-modes``           :mod:`.quasi_localized_modes`           Kumar, Procaccia, Singh (2), (10)-(12)
==================================  ======================================  ===================================================
"""

from . import (gurarie_chalker, holtsmark_width, phonon_scattering_universality,  # noqa: F401
               quasi_localized_modes, random_forces, rfot_mosaic, sea_gull_dos, soft_potential_parameters,
               soft_potential_spectrum, soft_well_tls, tls_heat_capacity_time, tls_tunneling_strength, vibrational_instability,
               wkb_tunneling)

__all__ = ["gurarie_chalker", "soft_potential_parameters", "sea_gull_dos", "wkb_tunneling",
           "random_forces", "soft_potential_spectrum", "tls_tunneling_strength",
           "vibrational_instability", "rfot_mosaic", "tls_heat_capacity_time",
           "phonon_scattering_universality", "holtsmark_width", "soft_well_tls",
           "quasi_localized_modes"]
