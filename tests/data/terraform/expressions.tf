# Written for Poolsmith's tests: values Terraform works out, of every kind of expression.
variable "env" {
  type    = string
  default = "dev"
}

locals {
  common_tags = { app = "orders" }
  min_length  = 10
}

resource "aws_cognito_user_pool" "pool" {
  name                     = "${var.env}-users"
  mfa_configuration        = var.env == "prod" ? "ON" : "OPTIONAL"
  auto_verified_attributes = [var.verify_attribute, "email"]
  username_attributes      = var.username_attributes
  alias_attributes         = [for a in var.aliases : lower(a)]
  deletion_protection      = upper(var.protection)
  tags                     = merge(local.common_tags, { env = var.env })
  sms_authentication_message = "Code: {####}"

  password_policy {
    minimum_length    = local.min_length
    require_numbers   = true
    require_symbols   = var.symbols
    require_uppercase = !var.relaxed
    require_lowercase = true
  }

  lambda_config {
    pre_sign_up    = aws_lambda_function.pre_signup.arn
    custom_message = module.messages.lambda_arn
  }

  sms_configuration {
    external_id    = "sms-${var.env}"
    sns_caller_arn = aws_iam_role.sms.arn
  }

  verification_message_template {
    email_message = <<EOT
Hello ${var.product}, your code is {####}
EOT
    email_subject = "Literal subject with $${escaped} text"
  }

  user_pool_add_ons {
    advanced_security_mode = (var.env == "prod" ? "ENFORCED" : "OFF")
  }

  schema {
    name                = "tenant"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 1
      max_length = var.tenant_length
    }
  }
}
