package org.kaohe.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which organisation Kaohe serves.
 *
 * @param code the organisation, also the file name: {@code guangdong} reads {@code guangdong.yaml}
 * @param location the folder of the organisation files; an operator may point it at {@code file:/etc/kaohe/organisations/}
 */
@ConfigurationProperties("kaohe.organisation")
record OrganisationProperties(
    @DefaultValue("guangdong") String code, @DefaultValue("classpath:organisations/") String location) {}
