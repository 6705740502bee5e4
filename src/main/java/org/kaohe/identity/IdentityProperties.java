package org.kaohe.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminPassword password of the {@code admin} account, from {@code KAOHE_ADMIN_PASSWORD}; the demo
 *     profile supplies a documented default, every other set-up must set it
 * @param demoPassword password of the demo users (demo profile only)
 */
@ConfigurationProperties("kaohe.identity")
record IdentityProperties(String adminPassword, @DefaultValue("demo") String demoPassword) {

  IdentityProperties {
    if (adminPassword == null || adminPassword.isBlank()) {
      throw new IllegalArgumentException("管理员密码未设置：请设置环境变量 KAOHE_ADMIN_PASSWORD"
          + "（The administrator password is not set: set KAOHE_ADMIN_PASSWORD.）");
    }
  }
}
