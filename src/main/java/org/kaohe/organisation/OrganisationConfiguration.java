package org.kaohe.organisation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

@Configuration(proxyBeanMethods = false)
class OrganisationConfiguration {

  @Bean
  Organisation organisation(OrganisationProperties properties, ResourceLoader resources) {
    String location = properties.location().endsWith("/") ? properties.location() : properties.location() + "/";
    String file = properties.code() + ".yaml";
    return new OrganisationLoader().load(resources.getResource(location + file), file, properties.code());
  }
}
