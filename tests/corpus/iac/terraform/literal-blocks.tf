provider "aws" {
  region = var.region
}

resource "aws_cognito_user_pool" "pool" {
  name="garden-users"
  username_attributes=["email"]
  auto_verified_attributes = ["email"]

  schema{
    attribute_data_type = "String"
    name = "email"
    required = true
    mutable  = true

    string_attribute_constraints {
      min_length = 0
      max_length = 255
    }
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_numbers                  = true
    temporary_password_validity_days = 7
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
}
