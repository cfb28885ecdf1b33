# Two pools, named per environment
resource "aws_cognito_user_pool" "public" {
  name = "court-${var.environment}"

  username_attributes = ["email"]
  username_configuration {
    case_sensitive = false
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
    invite_message_template {
      sms_message   = "Your user name is {username} and your temporary password is {####}."
      email_subject = "Your account"
      email_message = <<EMAIL
      <p>Your user name is {username}.</p>
      <p>Your temporary password is {####}. Sign in at https://app.${var.dns_domain}/.</p>
    EMAIL
    }
  }

  email_configuration {
    reply_to_email_address = "noreply@${var.dns_domain}"
    from_email_address     = "Court <noreply@${var.dns_domain}>"
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [lambda_config]
  }
}

resource "aws_cognito_user_pool" "partners" {
  name = "court-partners-${var.environment}"

  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }

  lifecycle {
    prevent_destroy = true
  }
}
