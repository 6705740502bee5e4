package org.kaohe.organisation;

import org.springframework.core.io.ClassPathResource;

/** The organisation files the jar ships, loaded and validated as at start-up, for tests of other packages. */
public final class ShippedOrganisations {

  private ShippedOrganisations() {}

  public static Organisation load(String code) {
    return new OrganisationLoader().load(new ClassPathResource("organisations/" + code + ".yaml"), code + ".yaml", code);
  }
}
