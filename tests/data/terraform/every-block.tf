# Written for Poolsmith's tests: every argument and block of aws_cognito_user_pool that maps to
# CreateUserPool, with literal values only.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

resource "aws_cognito_user_pool" "main" {
  name                       = "orders-users"
  alias_attributes           = ["email", "preferred_username"]
  auto_verified_attributes   = ["email", "phone_number"]
  deletion_protection        = "ACTIVE"
  mfa_configuration          = "OPTIONAL"
  sms_authentication_message = "Your code is {####}"
  user_pool_tier             = "PLUS"

  tags = {
    team          = "identity"
    "cost:center" = "4711"
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_numbers                  = "true"
    require_symbols                  = false
    require_uppercase                = true
    password_history_size            = 5
    temporary_password_validity_days = 3
  }

  sign_in_policy {
    allowed_first_auth_factors = ["PASSWORD", "EMAIL_OTP"]
  }

  lambda_config {
    pre_sign_up                    = "arn:aws:lambda:eu-west-1:111122223333:function:pre-sign-up"
    custom_message                 = "arn:aws:lambda:eu-west-1:111122223333:function:custom-message"
    post_confirmation              = "arn:aws:lambda:eu-west-1:111122223333:function:post-confirmation"
    pre_authentication             = "arn:aws:lambda:eu-west-1:111122223333:function:pre-authentication"
    post_authentication            = "arn:aws:lambda:eu-west-1:111122223333:function:post-authentication"
    define_auth_challenge          = "arn:aws:lambda:eu-west-1:111122223333:function:define"
    create_auth_challenge          = "arn:aws:lambda:eu-west-1:111122223333:function:create"
    verify_auth_challenge_response = "arn:aws:lambda:eu-west-1:111122223333:function:verify"
    user_migration                 = "arn:aws:lambda:eu-west-1:111122223333:function:migrate"
    kms_key_id                     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    pre_token_generation_config {
      lambda_arn     = "arn:aws:lambda:eu-west-1:111122223333:function:pre-token"
      lambda_version = "V2_0"
    }

    custom_email_sender {
      lambda_arn     = "arn:aws:lambda:eu-west-1:111122223333:function:email-sender"
      lambda_version = "V1_0"
    }

    custom_sms_sender {
      lambda_arn     = "arn:aws:lambda:eu-west-1:111122223333:function:sms-sender"
      lambda_version = "V1_0"
    }
  }

  email_configuration {
    email_sending_account  = "DEVELOPER"
    from_email_address     = "Orders <no-reply@example.com>"
    reply_to_email_address = "support@example.com"
    source_arn             = "arn:aws:ses:eu-west-1:111122223333:identity/example.com"
    configuration_set      = "orders"
  }

  sms_configuration {
    external_id    = "orders-external"
    sns_caller_arn = "arn:aws:iam::111122223333:role/orders-sms"
    sns_region     = "eu-west-1"
  }

  verification_message_template {
    default_email_option  = "CONFIRM_WITH_LINK"
    email_message_by_link = <<-EOT
      Click {##here##} to confirm.
      Thank you.
    EOT
    email_subject_by_link = "Confirm your address"
    sms_message           = "Your code is {####}"
  }

  admin_create_user_config {
    allow_admin_create_user_only = true

    invite_message_template {
      email_message = "Hello {username}, your password is {####}"
      email_subject = "Welcome"
      sms_message   = "User {username}, password {####}"
    }
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }

    recovery_mechanism {
      name     = "verified_phone_number"
      priority = 2
    }
  }

  device_configuration {
    challenge_required_on_new_device      = true
    device_only_remembered_on_user_prompt = false
  }

  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  username_configuration {
    case_sensitive = false
  }

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"

    advanced_security_additional_flows {
      custom_auth_mode = "AUDIT"
    }
  }

  software_token_mfa_configuration {
    enabled = true
  }

  email_mfa_configuration {
    message = "Your sign-in code is {####}"
    subject = "Sign-in code"
  }

  schema {
    name                     = "email"
    attribute_data_type      = "String"
    mutable                  = true
    required                 = true
    developer_only_attribute = false

    string_attribute_constraints {
      min_length = 5
      max_length = "254"
    }
  }

  schema {
    name                = "loyalty_points"
    attribute_data_type = "Number"
    mutable             = true

    number_attribute_constraints {
      min_value = 0
      max_value = 1000000
    }
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.main.id
}
