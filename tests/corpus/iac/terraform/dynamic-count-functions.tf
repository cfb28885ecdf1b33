locals {
  alias_attributes = var.alias_attributes == null && var.username_attributes == null ? [
    "email",
    "preferred_username",
  ] : null
}

resource "aws_cognito_user_pool" "pool" {
  count = var.enabled ? 1 : 0

  name                       = format("%s-users", module.labels.id)
  alias_attributes           = local.alias_attributes
  email_verification_subject = var.email_verification_subject == "" || var.email_verification_subject == null ? var.default_subject : var.email_verification_subject

  dynamic "account_recovery_setting" {
    for_each = length(var.recovery_mechanisms) > 0 ? [true] : []

    content {
      dynamic "recovery_mechanism" {
        for_each = var.recovery_mechanisms
        iterator = recovery

        content {
          name     = recovery.value.name
          priority = recovery.value.priority
        }
      }
    }
  }

  dynamic "schema" {
    for_each = var.schema_attributes
    iterator = attribute

    content {
      name                     = attribute.value.name
      attribute_data_type      = attribute.value.type
      required                 = try(attribute.value.required, false)
      mutable                  = lookup(attribute.value, "mutable", true)
    }
  }

  dynamic "lambda_config" {
    for_each = try(coalesce(var.pre_sign_up, var.custom_message), null) == null ? [] : [true]
    content {
      pre_sign_up    = var.pre_sign_up
      custom_message = var.custom_message
    }
  }

  tags       = merge(module.labels.tags, { Component = "auth" })
  depends_on = [var.module_depends_on]
}

resource "aws_cognito_user_pool_client" "client" {
  for_each     = { for c in var.clients : c.name => c }
  name         = each.key
  user_pool_id = aws_cognito_user_pool.pool[0].id
}
