"""The derivations of glassderive, one module per chain, registered on import.

=============================  ==========================================  ==============
name                           module                                       source
=============================  ==========================================  ==============
``gurarie-chalker``            :mod:`.gurarie_chalker`                      seed 004 (3)-(9)
``soft-potential-parameters``  :mod:`.soft_potential_parameters`            seed 003 (1)-(6)
``sea-gull-dos``               :mod:`.sea_gull_dos`                         seed 000 (5.4)-(5.33)
``wkb-tunneling``              :mod:`.wkb_tunneling`                        seed 000 (4.1)-(4.13)
=============================  ==========================================  ==============
"""

from . import gurarie_chalker, sea_gull_dos, soft_potential_parameters, wkb_tunneling  # noqa: F401

__all__ = ["gurarie_chalker", "soft_potential_parameters", "sea_gull_dos", "wkb_tunneling"]
